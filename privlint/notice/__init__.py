"""The published notice and the model: import it, render it, and catch drift between them."""
