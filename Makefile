# `make demo` runs the example project with the service and the monitor; `make test` runs every test.
.PHONY: demo test
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
