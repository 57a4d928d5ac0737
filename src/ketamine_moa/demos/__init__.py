"""Interactive demos, one module per notebook; each module lists its demos in ``DEMOS``.

What several demo figures share is here, once.
"""

from __future__ import annotations

import numpy as np

from ..readouts import series


def after_start(run, values) -> tuple[np.ndarray, np.ndarray]:
    """Times (h) and ``values`` (an output name or "improvement", or an array on the run's
    grid) for t > 0: a log-time axis cannot show t = 0."""
    keep = run.t_h > 0
    values = series(run, values) if isinstance(values, str) else np.asarray(values)
    return run.t_h[keep], values[keep]


def finish_axes(ax, xlim=None, ylim=None, xlabel=None, ylabel=None, title=None,
                title_size=14, legend=None, legend_size=11):
    """Limits, axis labels, a title (``title_size`` points) and a legend at ``legend``
    (a ``loc``; ``legend_size`` points, nearly opaque) for one panel; None leaves a part
    as it is (a size of None: the house style's). Returns the title (a ``Text``)."""
    if xlim is not None:
        ax.set_xlim(*xlim)
    if ylim is not None:
        ax.set_ylim(*ylim)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title, **({} if title_size is None else {"fontsize": title_size}))
    if legend is not None:
        ax.legend(loc=legend, framealpha=0.95,
                  **({} if legend_size is None else {"fontsize": legend_size}))
    return ax.title


def bottom_legend(fig, title: str, handles_labels, ncol: int, title_size: float = 14):
    """A figure title over the panels and one legend below them (``handles_labels`` as from
    ``get_legend_handles_labels``); returns ``fig``."""
    fig.suptitle(title, fontsize=title_size)
    fig.legend(*handles_labels, loc="outside lower center", ncol=ncol, fontsize=12,
               frameon=False)
    return fig


def all_demos() -> list:
    """Every demo, module by module (``DEMOS`` of each module in this package)."""
    import importlib
    import pkgutil

    return [demo for info in pkgutil.iter_modules(__path__)
            for demo in importlib.import_module(f"{__name__}.{info.name}").DEMOS]
