"""Exercises of nn-and-optimizers: learnpytorch 01's model_0 with two nn.Parameter, the five
steps of a training step, and the course's forgotten zero_grad to find and fix."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "linear_regression_model",
        "A module with two nn.Parameter (learnpytorch's model_0)",
        page=0,
        function="LinearRegressionModel",
        task="Write the class LinearRegressionModel(nn.Module) with two parameters, "
        "self.weights and self.bias, each nn.Parameter(torch.randn(1)), and a forward "
        "that returns self.weights * x + self.bias.",
        hints=[
            "__init__ must call super().__init__() before it sets any parameter.",
            "A plain tensor is not seen by model.parameters(): wrap it, "
            "self.weights = nn.Parameter(torch.randn(1)).",
            "def forward(self, x): return self.weights * x + self.bias",
        ],
    ),
    Exercise(
        "train_step",
        "train_step: forward, loss, zero_grad, backward, step",
        page=1,
        task="Write train_step(model, X, y, opt): one step of training with the mean "
        "squared error, in the five steps of the lesson, returning the loss as a "
        "Python float.",
        hints=[
            "The order: y_pred = model(X); loss = F.mse_loss(y_pred, y); "
            "opt.zero_grad(); loss.backward(); opt.step().",
            "Return loss.item(), the number, not the tensor.",
        ],
    ),
    Exercise(
        "fix_zero_grad",
        "Find and fix the bug: a loop that does not learn",
        page=1,
        function="fit",
        task="fit(model, X, y, epochs, lr) trains a model with SGD, but its loss goes up "
        "and down and the weights end up wrong. Find the missing step and fix it.",
        hints=[
            "Compare the loop with the five steps of the lesson: which one is missing?",
            "loss.backward() adds to .grad; nothing clears it. Call opt.zero_grad() before loss.backward().",
        ],
    ),
]
