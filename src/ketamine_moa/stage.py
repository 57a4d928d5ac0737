"""``Stage``: what one stage of the chain reads, returns, and lets a user switch, declared once.

Each stage module declares its stage next to its function::

    STAGE = Stage("circuit", inputs=("nmda_block_interneuron", "nmda_block_pyramidal"),
                  outputs=("interneuron_rate_rel", "pyramidal_rate_rel", ...),
                  interventions=("interneuron_nmda_loss", "pyramidal_nmda_loss"),
                  params=("circuit",))

    @STAGE.declares
    def circuit_response(...) -> dict[str, np.ndarray]: ...

``inputs`` are outputs of earlier stages the function reads, ``outputs`` the keys of the dict it
returns, ``interventions`` the names of ``simulate``'s ``interventions`` it acts on (each
declared by exactly one stage), ``hypotheses`` the hypothesis arguments of ``simulate`` it reads
with their allowed values, and ``params`` the parameter stages (the ``stage`` column of
``data/parameters.csv``) it uses. ``chain`` derives ``OUTPUTS``, ``CONTRACT_INTERVENTIONS``,
the hypothesis choices and the mechanism's parameter stages from these declarations, and a
stage function that returns an output it did not declare, or lacks one it declared, raises
``StageOutputError`` instead of having it silently dropped.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np


class StageOutputError(RuntimeError):
    """A stage function returned outputs that differ from its declaration (a model bug)."""


@dataclass(frozen=True)
class Stage:
    """One stage of the chain: its inputs, outputs, interventions, hypotheses and parameters."""

    name: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    interventions: tuple[str, ...] = ()
    #: ``{argument of simulate: allowed values}``, the first value being the default.
    hypotheses: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    #: Parameter stages (``params.STAGES`` keys) the stage reads.
    params: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for attribute in ("inputs", "outputs", "interventions", "params"):
            names = tuple(getattr(self, attribute))
            if len(set(names)) != len(names):
                raise ValueError(f"stage {self.name!r}: {attribute} lists a name twice: {names}")
            object.__setattr__(self, attribute, names)
        object.__setattr__(self, "hypotheses", MappingProxyType(
            {name: tuple(allowed) for name, allowed in self.hypotheses.items()}))

    def checked(self, returned: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        """``returned`` in declared order; StageOutputError if its keys differ from ``outputs``."""
        missing = [name for name in self.outputs if name not in returned]
        undeclared = [name for name in returned if name not in self.outputs]
        if missing or undeclared:
            problems = []
            if missing:
                problems.append(f"lacks declared output(s) {', '.join(missing)}")
            if undeclared:
                problems.append(f"returned undeclared output(s) {', '.join(undeclared)}")
            raise StageOutputError(f"stage {self.name!r} " + " and ".join(problems)
                                   + f"; declared: {', '.join(self.outputs)}")
        return {name: returned[name] for name in self.outputs}

    def chosen(self, interventions: Mapping[str, float]) -> dict[str, float]:
        """The entries of ``interventions`` this stage declares (the others belong elsewhere)."""
        return {name: interventions[name] for name in self.interventions if name in interventions}

    def declares(self, function: Callable[..., Mapping[str, np.ndarray]]
                 ) -> Callable[..., dict[str, np.ndarray]]:
        """Decorator: ``function``'s result is checked against ``outputs`` on every call."""
        @functools.wraps(function)
        def stage_function(*args, **kwargs) -> dict[str, np.ndarray]:
            return self.checked(function(*args, **kwargs))

        stage_function.stage = self
        return stage_function
