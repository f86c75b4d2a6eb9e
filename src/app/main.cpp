#include "tacit/app/cli.hpp"

int main(int argc, char** argv) { return tacit::app::run_cli(argc, argv); }
