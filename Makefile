# `sam build`'s makefile build method (infra/template.yaml: CodeUri .. and Metadata BuildMethod: makefile on each
# function). SAM runs `make --makefile <this file> build-<LogicalId>` once per function, with ARTIFACTS_DIR set and
# often from a scratch copy of the repository: every function runs the one zip, so each target unpacks the same
# target/function.zip into ARTIFACTS_DIR. The zip is built in this file's own directory, by the project's wrapper, only
# when it is missing or older than a source: the first function builds it, the other functions reuse it, and so does a
# job that already ran ./mvnw package or verify. FUNCTION_ZIP=<path> (an environment variable; relative to this
# directory) takes a zip built elsewhere as it is, and never builds one (docs/deploy.md, "1. Build").

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
MVNW ?= ./mvnw

# Checked before anything is built: a build without a place for its artifacts would be minutes lost.
ifneq ($(filter build-%,$(MAKECMDGOALS)),)
ifeq ($(strip $(ARTIFACTS_DIR)),)
$(error ARTIFACTS_DIR is not set: sam build sets it; to run a build target by hand, set it to an empty directory)
endif
endif

ifdef FUNCTION_ZIP
ZIP := $(abspath $(if $(filter /%,$(FUNCTION_ZIP)),$(FUNCTION_ZIP),$(ROOT)/$(FUNCTION_ZIP)))

$(ZIP):
	@echo 'FUNCTION_ZIP=$(FUNCTION_ZIP) names no file ($@); unset it to build the zip here' >&2; exit 1
else
ZIP := $(ROOT)/target/function.zip
# What goes into the zip: the code and its resources, the build and the wrapper's settings.
SOURCES := $(ROOT)/pom.xml $(shell find '$(ROOT)/src/main' '$(ROOT)/.mvn' -type f)

# Tests skipped, as for any deployment build (they need the test tools: README, "Development"). Maven's output goes to
# stderr, the only output SAM shows when a build fails.
$(ZIP): $(SOURCES)
	cd '$(ROOT)' && $(MVNW) -B -ntp -q package -DskipTests >&2
	touch '$@'
endif

build-%: $(ZIP)
	unzip -q -o '$(ZIP)' -d '$(ARTIFACTS_DIR)'
