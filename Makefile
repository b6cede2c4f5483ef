# `make demo` runs the example project with the service and the monitor; `make test` runs every test.
.PHONY: demo test
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
# Benchmarks beside django-carrot 1.5, Celery and raw pika (docs/benchmarks.md). Options go in BENCH_ARGS,
# e.g. `make bench-drain BENCH_ARGS="--n 2000 --repetitions 1"` or `BENCH_ARGS="--db postgres"`.
.PHONY: bench bench-publish bench-drain bench-latency bench-scheduler bench-monitor bench-ui
BENCH_PYTHON ?= python3
bench:
	$(BENCH_PYTHON) -m bench all $(BENCH_ARGS)
bench-publish:
	$(BENCH_PYTHON) -m bench publish $(BENCH_ARGS)
bench-drain:
	$(BENCH_PYTHON) -m bench drain $(BENCH_ARGS)
bench-monitor:
	$(BENCH_PYTHON) -m bench monitor $(BENCH_ARGS)
bench-ui:
	$(BENCH_PYTHON) -m bench ui $(BENCH_ARGS)
bench-latency:
	$(BENCH_PYTHON) -m bench latency $(BENCH_ARGS)
bench-scheduler:
	$(BENCH_PYTHON) -m bench scheduler $(BENCH_ARGS)
