# Sourced by the project's scripts: one place for tool paths and offline switches.
# Tools live outside the checkout so every clone on a machine shares them.
export TOOLS_ROOT="${TOOLS_ROOT:-$HOME/.cache/newsfront-tools}"
export PATH="$TOOLS_ROOT/bin:$TOOLS_ROOT/binaryen-npm/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk must never download anything: its tools come from setup.sh.
export TRUNK_OFFLINE=true
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
