"""Interactive demos, one module per notebook; each module lists its demos in ``DEMOS``."""
