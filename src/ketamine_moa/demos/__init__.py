"""Interactive demos, one module per notebook; ``ALL_DEMOS`` lists them by name for tests."""
