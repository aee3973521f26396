"""Exercises of losses: a softmax that cannot overflow (aiaioo 430–450), and the course's
softmax-before-cross_entropy mistake to find and fix."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "softmax",
        "softmax(z) that does not overflow",
        page=0,
        used_as="softmax_by_hand",
        task="Write softmax(z) for a 2-D tensor of scores, one row per point: exp of each "
        "score divided by the sum of its row's exps. It must work for z = "
        "[[1000, 0]], where exp(1000) overflows. No softmax functions of PyTorch.",
        hints=[
            "Subtracting the same number from every score of a row does not change its softmax.",
            "Subtract each row's largest score first: "
            "z - z.max(dim=1, keepdim=True).values; then exp, then divide by the sum "
            "over dim=1 (keepdim=True).",
        ],
    ),
    Exercise(
        "fix_softmax_ce",
        "Find and fix the bug: softmax fed to cross_entropy",
        page=5,
        function="batch_loss",
        task="batch_loss(scores, targets) should be the mean cross-entropy of a batch of "
        "raw scores, but it comes out too small to train well. Find the mistake and "
        "fix it.",
        hints=[
            "Read what F.cross_entropy expects: probabilities, or raw scores?",
            "F.cross_entropy applies log-softmax itself: pass it the raw scores, "
            "F.cross_entropy(scores, targets).",
        ],
    ),
]
