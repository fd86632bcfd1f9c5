#include "engine_check.h"

int main()
{
    return engine_check::runAll();
}
