#include "tacit/app/cli.hpp"
#include "tacit/core/allocator.hpp"

int main(int argc, char** argv) {
  tacit::core::configure_allocator();
  return tacit::app::run_cli(argc, argv);
}
