"""The site layer: the main job (run the notebooks, incrementally and in parallel) and the
website it writes in ``build/``."""

from .run import NotebookFailed, build, notebooks, run_notebook

__all__ = ["NotebookFailed", "build", "notebooks", "run_notebook"]
