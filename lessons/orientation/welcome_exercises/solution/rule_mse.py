"""rule_mse: how far off is a rule written by hand?"""


def rule_mse(weight, mpg, a, b):
    prediction = a + b * weight / 1000  # one prediction per car
    return ((prediction - mpg) ** 2).mean().item()
