"""Exercises of rnn: the recurrence by hand (aiaioo 910, the lesson's ElmanRNN)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "rnn_states",
        "The recurrence by hand: h_t = tanh(x_t W_ih + h_(t-1) W_hh + b)",
        page=1,
        task="Write rnn_states(x, W_ih, W_hh, b) for x of shape [batch, steps, inputs]: "
        "starting from h_0 = 0, apply h_t = tanh(x_t W_ih + h_(t-1) W_hh + b) for "
        "each step and return every h_t, stacked as [batch, steps, hidden].",
        hints=[
            "h starts as torch.zeros(x.shape[0], W_hh.shape[0]); step t reads x[:, t], "
            "the t-th input of every sequence in the batch.",
            "for t in range(x.shape[1]): h = torch.tanh(x[:, t] @ W_ih + h @ W_hh + b); "
            "keep each h in a list and return torch.stack(states, dim=1).",
        ],
    ),
]
