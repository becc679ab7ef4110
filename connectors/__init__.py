"""Connectors: the data contract, the Connector protocol and its implementations, the sample plant."""
