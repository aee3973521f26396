"""The playground's input features as a learner types them: "x1, x2, x1^2, sin(x1)"."""

NAMES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
DESCRIBE = "features separated by commas or spaces, from: " + ", ".join(NAMES)

# spelling (lower case, without brackets or underscores) -> canonical name
_SPELLINGS = {
    "x1": "x1",
    "x2": "x2",
    "x1^2": "x1^2",
    "x1²": "x1^2",
    "x1**2": "x1^2",
    "x1*x1": "x1^2",
    "x2^2": "x2^2",
    "x2²": "x2^2",
    "x2**2": "x2^2",
    "x2*x2": "x2^2",
    "x1*x2": "x1*x2",
    "x2*x1": "x1*x2",
    "x1x2": "x1*x2",
    "x1·x2": "x1*x2",
    "sinx1": "sin(x1)",
    "sinx2": "sin(x2)",
}


def parse_features(text: str) -> list[str]:
    """Canonical feature names in NAMES order; ValueError says what is wrong."""
    tokens = text.replace(",", " ").split()
    chosen = set()
    for token in tokens:
        key = token.lower().replace("(", "").replace(")", "").replace("_", "")
        if key not in _SPELLINGS:
            raise ValueError(f"unknown feature {token!r}")
        chosen.add(_SPELLINGS[key])
    if not chosen:
        raise ValueError("choose at least one feature")
    return [name for name in NAMES if name in chosen]
