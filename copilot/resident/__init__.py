"""A resident copilot: one process keeps the plant open so that `copilot ask` answers without starting up."""
