"""Language-model mode: a bounded LangChain tool loop over the same library, with grounded answers."""
