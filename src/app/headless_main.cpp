// mfu-explorer built without the window (MFU_BUILD_GUI=OFF): the headless commands only, with
// no Qt at all; asked for the window or --report, it says this build has none.
#include "cli/cli.h"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char *argv[])
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    return mfu::cli::runWithoutWindow(args, std::cin, std::cout, std::cerr);
}
