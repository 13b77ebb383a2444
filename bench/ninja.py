"""The backprop-ninja exercise (resources/examples/backprop_ninja.txt, n = 32): the engine's whole
pass (forward + backward, every step record) against the exercise's own numpy, forward then its
line-by-line manual backward (target ≤2×), with the fused closed-form backward beside it
(dlogits = (softmax − onehot)/n and batch norm's one-line backward)."""
from pathlib import Path

from common import ratio

import numpy as np

import engine
from engine.labels import given_arrays
from engine.passes import run_pass

TEXT = (Path(__file__).resolve().parents[1] / "resources" / "examples" / "backprop_ninja.txt").read_text()
PARAMS = ("embcat", "W1", "b1", "bngain", "bnbias", "W2", "b2")


def forward(embcat, W1, b1, bngain, bnbias, W2, b2, Yb, n=32):
    """The exercise's forward pass, step by step, keeping every intermediate."""
    v = {}
    v["hprebn"] = embcat @ W1 + b1
    v["bnmeani"] = 1 / n * v["hprebn"].sum(0, keepdims=True)
    v["bndiff"] = v["hprebn"] - v["bnmeani"]
    v["bndiff2"] = v["bndiff"] ** 2
    v["bnvar"] = 1 / (n - 1) * v["bndiff2"].sum(0, keepdims=True)
    v["bnvar_inv"] = (v["bnvar"] + 1e-5) ** -0.5
    v["bnraw"] = v["bndiff"] * v["bnvar_inv"]
    v["hpreact"] = bngain * v["bnraw"] + bnbias
    v["h"] = np.tanh(v["hpreact"])
    v["logits"] = v["h"] @ W2 + b2
    v["logit_maxes"] = v["logits"].max(1, keepdims=True)
    v["norm_logits"] = v["logits"] - v["logit_maxes"]
    v["counts"] = np.exp(v["norm_logits"])
    v["counts_sum"] = v["counts"].sum(1, keepdims=True)
    v["counts_sum_inv"] = v["counts_sum"] ** -1
    v["probs"] = v["counts"] * v["counts_sum_inv"]
    v["logprobs"] = np.log(v["probs"])
    v["loss"] = -v["logprobs"][np.arange(n), Yb].mean()
    return v


def manual(p, n=32):
    """Forward, then the exercise's manual backward, one line per forward step."""
    v = forward(**p, n=n)
    dlogprobs = np.zeros_like(v["logprobs"])
    dlogprobs[np.arange(n), p["Yb"]] = -1.0 / n
    dprobs = (1.0 / v["probs"]) * dlogprobs
    dcounts_sum_inv = (v["counts"] * dprobs).sum(1, keepdims=True)
    dcounts = v["counts_sum_inv"] * dprobs
    dcounts_sum = (-v["counts_sum"] ** -2) * dcounts_sum_inv
    dcounts += np.ones_like(v["counts"]) * dcounts_sum
    dnorm_logits = v["counts"] * dcounts
    dlogits = dnorm_logits.copy()
    dlogit_maxes = (-dnorm_logits).sum(1, keepdims=True)
    dlogits += np.eye(v["logits"].shape[1])[v["logits"].argmax(1)] * dlogit_maxes
    dhpreact = (1.0 - v["h"] ** 2) * (dlogits @ p["W2"].T)
    dbnraw = p["bngain"] * dhpreact
    dbndiff = v["bnvar_inv"] * dbnraw
    dbnvar_inv = (v["bndiff"] * dbnraw).sum(0, keepdims=True)
    dbnvar = (-0.5 * (v["bnvar"] + 1e-5) ** -1.5) * dbnvar_inv
    dbndiff2 = (1.0 / (n - 1)) * np.ones_like(v["bndiff2"]) * dbnvar
    dbndiff += (2 * v["bndiff"]) * dbndiff2
    dhprebn = dbndiff.copy()
    dhprebn += 1.0 / n * (np.ones_like(v["hprebn"]) * (-dbndiff).sum(0))
    return (p["embcat"].T @ dhprebn, dhprebn @ p["W1"].T, dhprebn.sum(0), (v["bnraw"] * dhpreact).sum(0, keepdims=True),
            dhpreact.sum(0, keepdims=True), v["h"].T @ dlogits, dlogits.sum(0))


def fused(p, n=32):
    """Forward, then the closed forms: dlogits = (softmax − onehot)/n, batch norm in one line."""
    v = forward(**p, n=n)
    dlogits = v["probs"].copy()
    dlogits[np.arange(n), p["Yb"]] -= 1
    dlogits /= n
    dhpreact = (1.0 - v["h"] ** 2) * (dlogits @ p["W2"].T)
    bnraw = v["bnraw"]
    dhprebn = p["bngain"] * v["bnvar_inv"] / n * (n * dhpreact - dhpreact.sum(0)
                                                  - n / (n - 1) * bnraw * (dhpreact * bnraw).sum(0))
    return (p["embcat"].T @ dhprebn, dhprebn @ p["W1"].T, dhprebn.sum(0), (bnraw * dhpreact).sum(0, keepdims=True),
            dhpreact.sum(0, keepdims=True), v["h"].T @ dlogits, dlogits.sum(0))


def table():
    """The ninja row: engine vs the manual backward, and the fused closed form's own figure."""
    program = engine.parse(TEXT)
    drawn = {k: v for k, v in engine.grad(program).values.items() if k in PARAMS + ("Yb",)}
    given = given_arrays(program, drawn)  # as a Session holds them
    ours = lambda: run_pass(program, given)  # noqa: E731
    r_manual, t_eng, t_manual = ratio(ours, lambda: manual(given))
    r_fused, _, t_fused = ratio(ours, lambda: fused(given))
    print("\n| backprop ninja (n = 32) | engine ms | manual numpy ms | engine/manual | fused numpy ms | engine/fused |")
    print("|---|---|---|---|---|---|")
    print(f"| whole pass, 20 steps | {t_eng * 1e3:.3f} | {t_manual * 1e3:.3f} | {r_manual:.2f}× | "
          f"{t_fused * 1e3:.3f} | {r_fused:.2f}× |")
