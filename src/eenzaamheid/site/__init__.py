"""The site layer: the main job (run every notebook, export every chart) and its pages."""

from .run import NotebookFailed, build, notebooks, run_notebook

__all__ = ["NotebookFailed", "build", "notebooks", "run_notebook"]
