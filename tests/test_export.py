"""main.py --export: the seed at step 6 with ∂L/∂a₁₁ selected, as PNG, SVG, Markdown and LaTeX."""
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tests.test_main_cli import ROOT, png_size, run

STEP6 = ["--open", os.path.join(ROOT, "resources", "examples", "seed_step6.json"), "--steps", "6",
         "--select", "grad a[0,0]", "--size", "1280x800"]


def export(tmp_path, name):
    out = tmp_path / name
    r = run("--export", str(out), *STEP6)
    assert r.returncode == 0, r.stderr
    return out


def test_png_is_of_the_set_size(tmp_path):
    assert png_size(export(tmp_path, "step.png")) == (1280, 800)


def test_svg_parses_and_holds_the_heatmaps_numbers_as_text(tmp_path):
    tree = ET.parse(export(tmp_path, "step.svg"))
    texts = {"".join(e.itertext()).strip() for e in tree.iter("{http://www.w3.org/2000/svg}text")}
    for value in ("0.25", "0.3", "−0.1", "0.7", "0.5", "−1", "∂L/∂t1", "bᵀ"):
        assert value in texts


def test_markdown_holds_the_rule_the_worked_entry_and_its_pictures(tmp_path):
    text = export(tmp_path, "step.md").read_text(encoding="utf-8")
    assert "∂L/∂a = ∂L/∂t1 @ bᵀ" in text and "$\\partial L/\\partial a = " in text
    assert "∂L/∂a₁₁ = ∂L/∂t1₁₁·b₁₁ + ∂L/∂t1₁₂·b₁₂ = (0.3)(0.5) + (−0.1)(−1) = 0.25" in text
    assert "| **0.3** | **−0.1** |" in text and "| **0.5** | 2 |" in text   # the cells that feed it
    for image in ("step-window.png", "step-equation.png"):
        assert f"({image})" in text and png_size(tmp_path / image)[0] > 100


def test_latex_holds_every_shown_matrix_and_compiles_where_pdflatex_is(tmp_path):
    out = export(tmp_path, "step.tex")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\\documentclass{article}") and "\\usepackage{amsmath}" in text
    for row in ("\\boxed{0.25} & 0.575 \\\\ -1.65 & 1.9", "\\boxed{0.3} & \\boxed{-0.1} \\\\ 0.7 & 2",
                "\\boxed{0.5} & 2 \\\\ \\boxed{-1} & 0.25"):
        assert f"\\begin{{bmatrix}} {row} \\end{{bmatrix}}" in text
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed")
    r = subprocess.run(["pdflatex", "-interaction=nonstopmode", out.name], cwd=tmp_path, capture_output=True)
    assert r.returncode == 0 and (tmp_path / "step.pdf").exists()


def test_an_unknown_export_format_exits_2_with_one_message(tmp_path):
    r = run("--export", str(tmp_path / "step.gif"), *STEP6)
    assert r.returncode == 2 and ".png, .svg, .md or .tex" in r.stderr
