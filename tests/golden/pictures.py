"""Golden pictures: the window in named states, rendered by `main.py --screenshot` and compared
pixel by pixel with the PNGs kept beside this file.

Each picture is made in a fresh process, offscreen, with its own empty configuration folder, so
it never depends on what a previous run chose (window arrangement, recent files). A picture
matches when at most MAX_DIFFERENT of its pixels differ by more than TOLERANCE (of 255) in any
channel: font hinting and antialiasing may move a few edge pixels, a moved widget moves many.

Regenerate every picture after a change that alters one on purpose (and say which in the commit):

    .venv/bin/python -m tests.golden.pictures [NAME ...]
"""
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))
TOLERANCE = 16           # of 255, per channel
MAX_DIFFERENT = 0.005    # of the picture's pixels
EXAMPLES = os.path.join("resources", "examples")
HALF_BUILT = "a = randn(2, 2)\nw = randn(3, 2)\nt = a @ w\nd = relu(t) + ?"

# Each example at its last step, with this entry selected.
EXAMPLE_SELECTIONS = {"seed.txt": "grad a[0,0]", "seed_step6.json": "grad b[1,0]", "mlp_layer.txt": "grad W[0,0]",
                      "softmax.txt": "grad W[2,1]", "attention_head.txt": "grad Wq[0,0]",
                      "batchnorm.txt": "grad x[0,0]", "layernorm.txt": "grad x[0,0]",
                      "cross_entropy.txt": "grad W[0,0]", "backprop_ninja.txt": "grad W1[0,0]",
                      "mlp5.txt": "grad w1[3,5]"}

# name -> main.py flags: the README's three screenshots, then the examples
CASES = {
    "readme-seed-step6": ["--steps", "6"],
    "readme-seed-select-a11": ["--open", os.path.join(EXAMPLES, "seed_step6.json"), "--steps", "7"],
    "readme-half-built": ["--expr", HALF_BUILT],
} | {f"example-{os.path.splitext(file)[0]}": ["--open", os.path.join(EXAMPLES, file), "--steps", "999",
                                             "--select", entry] for file, entry in EXAMPLE_SELECTIONS.items()}


def golden_path(name):
    return os.path.join(HERE, f"{name}.png")


def render(name, out):
    """Render case `name` to the PNG `out`; raises with main.py's stderr when it fails."""
    with tempfile.TemporaryDirectory(prefix="golden-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home, XDG_CONFIG_HOME=home,
                   XDG_CACHE_HOME=home, XDG_DATA_HOME=home)
        run = subprocess.run([sys.executable, os.path.join(ROOT, "main.py"), "--screenshot", out,
                              *CASES[name]], capture_output=True, text=True, timeout=180, env=env, cwd=ROOT)
    if run.returncode != 0:
        raise RuntimeError(f"{name}: main.py exited {run.returncode}: {run.stderr}")
    return out


def render_all(names, folder):
    """{name: path} of every case rendered into `folder`, two at a time."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        paths = pool.map(lambda n: render(n, os.path.join(folder, f"{n}.png")), names)
        return dict(zip(names, paths))


def main(names):
    for name, path in render_all(names or list(CASES), HERE).items():
        print(f"wrote {os.path.relpath(path, ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
