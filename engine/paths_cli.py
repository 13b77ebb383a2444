"""`python -m engine paths EXPR --entry ENTRY [--through NODE] [--expand] [--limit N] [--forward]`:
the scalar paths of one gradient entry (engine.pathlist), as JSON or text."""
import argparse
import json

from .pathlist import LIMIT, path_query
from .pathtext import forward_listing_text, listing_text


def limit(text):
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"a count of paths, 0 or more, is expected; got {text!r}")
    return value


def register(subs, common_args):
    """Add the `paths` subcommand, with the options every subcommand takes (`common_args`)."""
    p = subs.add_parser("paths", help="the scalar paths of one gradient entry (or a value's summands, --forward)")
    common_args(p)
    p.add_argument("--entry", required=True, metavar="ENTRY", help="the entry, 0-based: a[0,1], c[1], s[]")
    p.add_argument("--through", metavar="NODE", help="end every path at this node (on every path to L)")
    p.add_argument("--expand", action="store_true", help="list the entries of hidden intermediates on each path")
    p.add_argument("--limit", type=limit, default=LIMIT, metavar="N",
                   help=f"list the first ⌈N/2⌉ and last ⌊N/2⌋ paths (default {LIMIT}); all are counted")
    p.add_argument("--forward", action="store_true", help="a value entry's summands instead")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument("--json", dest="format", action="store_const", const="json", help="same as --format json")


def run(args):
    from .cli import context, jsonable, read_expression   # the shared CLI helpers (cli imports this module)
    found = path_query(read_expression(args.expr), args.entry, through=args.through, forward=args.forward,
                       expand=args.expand, limit=args.limit, **context(args))
    if args.format == "json":
        print(json.dumps(jsonable(found if args.forward else found.to_dict()), ensure_ascii=False))
    else:
        print(forward_listing_text(found) if args.forward else listing_text(found))
    return 0
