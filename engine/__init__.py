"""Backprop Studio's engine: parse matrix expressions, run forward and backward passes as
step records, attribute each gradient entry to the entries that feed it. numpy only."""
from importlib import import_module

from .api import Result, check, explain, explanation, grad
from .errors import EngineError, IncompleteError, InputError, MemoryLimitError, ParseError, ShapeError
from .parser import parse
from .prepared import Prepared, prepare
from .program import Program
from .session import GradState, Session

# The public face: the GUI, scripts and tests use these names and no submodule.
__all__ = ["parse", "prepare", "Prepared", "grad", "check", "explain", "explanation", "attribute",
           "forward_attribute", "Program", "Session", "GradState", "Result", "EngineError", "ParseError",
           "ShapeError", "IncompleteError", "InputError", "MemoryLimitError"]

# Imported on first use, so that starting the app (or a script) pays only for what it uses.
# "public=inner" exports a module's name under one that says what it is at the top level.
LAZY = {
    ".attribution": ("attribute",),
    ".forward": ("forward_attribute",),
    ".pathlist": ("paths", "list_paths", "forward_listing"),
    ".pathtext": ("listing_text", "forward_listing_text"),
    ".scalargraph": ("scalar_graph",),
    ".program": ("Const", "HoleRef", "INITIALISERS", "infer_shapes"),
    ".values": ("guard_memory", "initial_value", "computing"),
    ".files": ("read_text_file=read_text",),
    ".errors": ("excerpt",),
    ".entries": ("check_entry", "format_entry", "parse_entry"),
    ".notation": ("grad_sub", "number", "shown", "sub"),
    ".ops": ("REGISTRY", "lookup"),
    ".rules": ("INDEX_LETTERS", "rule_text"),
    ".plan": ("ancestors", "consumers"),
    ".ranges": ("Range", "as_matrix_shape", "block_ranges=ranges"),
    ".predict": ("judge_cells", "judge_value"),
    ".chaintext": ("LATEX", "TEXT", "backward_text", "forward_text", "numeric", "rule_notes", "scalar_lines",
                   "symbolic"),
    ".scalar": ("render_scalar=render",),
    ".sketch": ("sketch_from_program", "settle_output", "add_node", "connect_ports=connect",
                "disconnect_port=disconnect", "remove_nodes=remove", "rename_node=rename"),
    ".sketch_text": ("write_text",),
    ".syntax": ("equation_pieces", "render_syntax=render", "syntax_pieces=pieces"),
    ".calls": ("subscript_params",),
    ".step_cells": ("cells_of_step=step_cells",),
    ".reach": ("reached",),
    ".index_form": ("index_sum=index_form",),
    ".entry_rule": ("sum_note",),
    ".rounding": ("entry_magnitude", "shown_number"),
    ".npz": ("arrays_npz", "export_npz"), ".comparison": ("compare", "compare_result"),   # her own arrays: out, compared,
    ".check_rows": ("worst_rows",), ".gradcheck": ("input_checks",), ".export": ("export_source",),   # cross-checked, exported
    ".crosscheck": ("torch_check", "TORCH_INSTALL=INSTALL_LINE"),                # as code
}
WHERE = {public: (module, (inner or [public])[0]) for module, names in LAZY.items()
         for public, *inner in (n.split("=") for n in names)}
__all__ += [n for n in WHERE if n not in __all__]


def __getattr__(name):
    if name in WHERE:
        module, inner = WHERE[name]
        value = getattr(import_module(module, __name__), inner)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'engine' has no attribute {name!r}")
