"""Exercises of mnist-first-look: turning a batch of digit images into the network's inputs."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "flatten_images",
        "flatten_images: [N, 28, 28] bytes to [N, 784] floats in [0, 1]",
        page=1,
        task="Write flatten_images(images) for a uint8 tensor [N, 28, 28] of pixels 0–255: "
        "return a float32 tensor [N, 784], each image read row by row into one vector, "
        "every value divided by 255 so it lies in [0, 1].",
        hints=[
            "Two steps: the shape (reshape to [N, 784], N = images.shape[0]) and the "
            "values (to float32, then / 255).",
            "Keep the first dimension: reshape(len(images), 784), not reshape(-1).",
            "return images.reshape(len(images), 784).to(torch.float32) / 255",
        ],
        used_as="flatten_images",
    ),
]
