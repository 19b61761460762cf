# Builds and installs plus: `make install PREFIX=/usr/local` (see README, "Installare").
#
#   make                      swift build -c release
#   make install              the binary in $(PREFIX)/bin, the mappings and rule sets in
#                             $(PREFIX)/share/plus/Mappings, the man page, the shell completions
#   make install-files BIN=…  the same from a binary already built (no swift build, no man page
#                             unless MANPAGE names one): what the install test runs
#   make man                  the man page, generated from the command definitions
#   make uninstall
#
# DESTDIR is honoured, for packagers.

PREFIX ?= /usr/local
CONFIG ?= release
SWIFT ?= swift
BIN ?= $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path)/plus
MANPAGE ?= .build/plugins/GenerateManual/outputs/plus/plus.1

root = $(DESTDIR)$(PREFIX)
share = $(root)/share

.PHONY: all build man install install-files uninstall

all: build

build:
	$(SWIFT) build -c $(CONFIG) --product plus

# swift-argument-parser's GenerateManual plugin: it builds the package and writes plus.1.
man: build
	$(SWIFT) package plugin generate-manual --configuration $(CONFIG)

install: build man
	$(MAKE) install-files BIN="$(BIN)" PREFIX="$(PREFIX)" MANPAGE="$(MANPAGE)"

install-files:
	test -x "$(BIN)" || { echo "make: no plus binary at $(BIN): run make build first" >&2; exit 1; }
	install -d "$(root)/bin" "$(share)/plus" "$(share)/man/man1" \
		"$(share)/bash-completion/completions" "$(share)/zsh/site-functions" "$(share)/fish/vendor_completions.d"
	install -m 0755 "$(BIN)" "$(root)/bin/plus"
	# The mappings and the rule sets (Mappings/rules), replaced whole so a removed one goes.
	rm -rf "$(share)/plus/Mappings.new" && cp -R Mappings "$(share)/plus/Mappings.new"
	rm -rf "$(share)/plus/Mappings" && mv "$(share)/plus/Mappings.new" "$(share)/plus/Mappings"
	if [ -f "$(MANPAGE)" ]; then install -m 0644 "$(MANPAGE)" "$(share)/man/man1/plus.1"; \
		else echo "make: no man page at $(MANPAGE) (make man generates it): not installed" >&2; fi
	"$(root)/bin/plus" --generate-completion-script bash > "$(share)/bash-completion/completions/plus"
	"$(root)/bin/plus" --generate-completion-script zsh > "$(share)/zsh/site-functions/_plus"
	"$(root)/bin/plus" --generate-completion-script fish > "$(share)/fish/vendor_completions.d/plus.fish"

uninstall:
	rm -rf "$(root)/bin/plus" "$(share)/plus" "$(share)/man/man1/plus.1" \
		"$(share)/bash-completion/completions/plus" "$(share)/zsh/site-functions/_plus" \
		"$(share)/fish/vendor_completions.d/plus.fish"
