"""`python -m engine grad|check|explain EXPR …`: the headless contract. Every error is one message on
stderr and exit status 2; `check` exits 1 when a gradient is off beyond tolerance."""
import argparse
import json
import math
import re
import sys

import numpy as np

from . import api, paths_cli
from .errors import EngineError, InputError
from .comparison import compare, compare_text
from .export import TARGETS, export_source
from .npz import export_npz
from .crosscheck import require_torch, torch_check, torch_text
from .chaintext import LATEX, TEXT, backward_text, forward_text
from .values import computing
from .files import MAX_TEXT_BYTES, decode, open_regular, read_limited, read_text


class Parser(argparse.ArgumentParser):
    """argparse that reports a bad flag as one line (not usage + message) and exits 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def seed(text):
    """--rng-seed: a whole number ≥ 0 in ASCII digits (int() would take '٣' and '-1')."""
    if not re.fullmatch(r"[0-9]{1,19}", text.strip()):
        raise argparse.ArgumentTypeError(f"--rng-seed takes a whole number ≥ 0, got {text!r}")
    return int(text)


def read_expression(arg):
    """EXPR as given: text, `-` for stdin, or `@FILE` (a regular UTF-8 file of at most 64 MB)."""
    if arg == "-":
        return decode(read_limited(sys.stdin.buffer, MAX_TEXT_BYTES, "the standard input"), "the standard input")
    if arg.startswith("@"):
        return read_text(arg[1:], "the expression file")
    return arg


def load_npy(path, what):
    with open_regular(path, what) as f:
        try:
            return np.load(f, allow_pickle=False)
        except (OSError, ValueError, EOFError) as exc:
            raise InputError(f"cannot read {what} from {path}: {exc}") from None


def read_inputs(pairs, flag="--input"):
    inputs = {}
    for pair in pairs or []:
        name, sep, path = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"{flag} takes NAME=FILE.npy, got {pair!r}")
        if name in inputs:
            raise InputError(f"{flag} {name} is given twice; give each {flag.lstrip('-')} once")
        inputs[name] = load_npy(path, f"{flag.lstrip('-')} {name}")
    return inputs


def jsonable(x):
    """Nested lists of full-precision floats; NaN and ±inf become null."""
    if isinstance(x, np.ndarray):
        if np.isfinite(x).all():
            return x.tolist()
        return jsonable(x.tolist())
    if isinstance(x, dict):
        return {k: jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [jsonable(v) for v in x]
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, np.generic):
        return jsonable(x.item())
    return x


def common_args(sub):
    sub.add_argument("expr", help="the program: text, '-' for stdin, or @FILE")
    sub.add_argument("--input", action="append", metavar="NAME=FILE.npy", help="an input's values (repeatable)")
    sub.add_argument("--upstream", metavar="FILE.npy", help="G = ∂L/∂(start node); default ones (L = sum)")
    sub.add_argument("--start", metavar="NODE", help="the node the backward pass starts from (default: output)")
    sub.add_argument("--rng-seed", type=seed, default=0, help="seed for inputs not given (default 0)")


def add_format(sub, choices=("text", "json")):
    sub.add_argument("--format", choices=choices, default="text", help="output format (default text)")
    sub.add_argument("--json", dest="format", action="store_const", const="json", help="same as --format json")


def build_parser():
    parser = Parser(prog="python -m engine", description="Backprop Studio's engine, headless.")
    subs = parser.add_subparsers(dest="command", required=True)
    g = subs.add_parser("grad", help="values and gradients of every input and named value")
    common_args(g)
    add_format(g)
    g.add_argument("--npz", metavar="OUT.npz", help="also write every value and gradient (a, grad_a, …) to OUT.npz")
    c = subs.add_parser("check", help="gradient check by central differences")
    common_args(c)
    add_format(c)
    c.add_argument("--torch", action="store_true", help="also run the program through torch.autograd (float64)")
    e = subs.add_parser("explain", help="the chain-rule terms of one gradient entry (or a value's, --forward)")
    common_args(e)
    e.add_argument("--entry", required=True, metavar="ENTRY", help="the entry, 0-based: a[0,1], c[1], s[]")
    e.add_argument("--through", metavar="NODE", help="take every term through this node (on every path to L)")
    e.add_argument("--forward", action="store_true", help="the value's scalar equation instead")
    add_format(e, ("text", "json", "latex"))
    e.add_argument("--step", type=int, metavar="K", help="with --format json, also the cells of step K's "
                   "equation (1-based, as the timeline numbers it) that feed the entry through it")
    m = subs.add_parser("compare", help="compare your own gradients (.npy) with the engine's, entry by entry")
    common_args(m)
    m.add_argument("--mine", action="append", required=True, metavar="NAME=FILE.npy",
                   help="your ∂L/∂NAME (repeatable)")
    add_format(m)
    x = subs.add_parser("export", help="the program as a Python module: forward(inputs), backward(values, upstream)")
    common_args(x)
    x.add_argument("--to", choices=TARGETS, default="numpy", help="numpy (backward written out) or torch (autograd)")
    add_format(x)
    paths_cli.register(subs, common_args)
    return parser


def context(args):
    upstream = load_npy(args.upstream, "the upstream gradient") if args.upstream else None
    return dict(inputs=read_inputs(args.input), upstream=upstream, rng_seed=args.rng_seed, start=args.start)


def run_grad(args):
    ctx = context(args)
    result = api.grad(read_expression(args.expr), ctx["inputs"], ctx["upstream"],
                      rng_seed=ctx["rng_seed"], start=ctx["start"])
    if args.npz:
        export_npz(result, args.npz)
    if args.format == "json":
        print(json.dumps({"values": jsonable(result.values), "grads": jsonable(result.grads)}))
        return 0
    with np.printoptions(precision=4, suppress=True):
        for name, v in result.values.items():
            print(f"{name} =\n{v}")
            print(f"∂L/∂{name} =\n{result.grads[name]}" if name in result.grads else f"∂L/∂{name}: no path to L")
    return 0


def run_check(args):
    expr, ctx = read_expression(args.expr), context(args)
    if args.torch:
        require_torch()   # before the check's many passes, not after
    report = api.check(expr, **ctx)
    if args.torch:
        report["torch"] = torch_check(expr, **ctx)
    if args.format == "json":
        print(json.dumps(jsonable(report)))
    else:
        for name, part in report["inputs"].items():
            worst = part["worst"][0] if part["worst"] else None
            line = f"{name}: {part['checked']} entries checked"
            if worst:
                line += (f"; worst {worst['entry']}: error {worst['error']:.3g}, "
                         f"{worst['ratio']:.3g}× the tolerance ({worst['status']})")
            print(line)
        if args.torch:
            print(torch_text(report["torch"]))
        print("ok" if report["ok"] else "FAILED: some gradients are off beyond tolerance")
    return 0 if report["ok"] else 1


def run_explain(args):
    att = api.explanation(read_expression(args.expr), args.entry, through=args.through, forward=args.forward,
                          **context(args))
    if args.format == "json":
        print(json.dumps(jsonable(api.with_step(att, args.step, args.forward)), ensure_ascii=False))
        return 0
    render = forward_text if args.forward else backward_text
    print(render(att, LATEX if args.format == "latex" else TEXT))
    return 0


def run_compare(args):
    report = compare(read_expression(args.expr), read_inputs(args.mine, "--mine"), **context(args))
    print(json.dumps(jsonable(report)) if args.format == "json" else compare_text(report))
    return 0 if report["ok"] else 1


def run_export(args):
    ctx = context(args)
    source = export_source(read_expression(args.expr), args.to, inputs=ctx["inputs"],
                           start=ctx["start"], rng_seed=ctx["rng_seed"])
    if args.format == "json":
        print(json.dumps({"to": args.to, "source": source}, ensure_ascii=False))
    else:
        sys.stdout.write(source)
    return 0


COMMANDS = {"grad": run_grad, "check": run_check, "explain": run_explain, "compare": run_compare,
            "export": run_export}
COMMANDS["paths"] = paths_cli.run


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        with computing():   # the renderers compute with the same numbers as the pass
            return COMMANDS[args.command](args)
    except EngineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except MemoryError:
        print("error: not enough memory for this program; use smaller shapes", file=sys.stderr)
        return 2
