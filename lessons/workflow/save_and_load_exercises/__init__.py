"""Exercises of save-and-load: save a state_dict, load it into a new instance (learnpytorch 01)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "save_and_reload",
        "Save the state_dict, load it into a new model",
        page=0,
        task="Write save_and_reload(model, make_model, path): save model's state_dict to "
        "path with torch.save, build a new model with make_model(), load the saved "
        "weights into it (torch.load with weights_only=True) and return it.",
        hints=[
            "Save the weights only: torch.save(model.state_dict(), path), not the model.",
            "new = make_model(); new.load_state_dict(torch.load(path, weights_only=True)); return new.",
        ],
    ),
]
