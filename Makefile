# One command to set up and run sitrep on the bundled example articles (`make demo`),
# one to set up and run the tests (`make test`). Both create .venv on first use.
VENV ?= .venv
BIN = $(VENV)/bin
DB ?= example.db

.PHONY: demo test serve bench scores clean

$(BIN)/sitrep: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/sitrep
	$(BIN)/sitrep ingest src/sitrep/examples --db $(DB)
	$(BIN)/sitrep events --db $(DB)
	@echo "Dashboard: $(BIN)/sitrep serve --db $(DB)  (then open http://127.0.0.1:8000/)"

serve: $(BIN)/sitrep
	$(BIN)/sitrep ingest src/sitrep/examples --db $(DB)
	$(BIN)/sitrep serve --db $(DB)

test: $(BIN)/sitrep
	$(BIN)/pytest -q

bench: $(BIN)/sitrep
	$(BIN)/sitrep bench ../shared/bench/isaf/dev.docs.jsonl --format isaf

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
