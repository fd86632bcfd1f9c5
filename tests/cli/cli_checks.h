#pragma once

// Checks the command-line tests share: one error line, finite numbers, std::string to QString.

#include <QString>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>

inline QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

inline bool isNumber(const nlohmann::json &v)
{
    return v.is_number() && std::isfinite(v.get<double>());
}

// Bad input: exit status 2, nothing on stdout, one line on stderr starting "mfu-explorer: ".
#define VERIFY_ONE_ERROR_LINE(run)                                                                 \
    do {                                                                                           \
        QCOMPARE((run).code, 2);                                                                   \
        QCOMPARE(q((run).out), QString());                                                         \
        QVERIFY2(!(run).err.empty() && (run).err.back() == '\n', (run).err.c_str());               \
        QVERIFY2(std::count((run).err.begin(), (run).err.end(), '\n') == 1, (run).err.c_str());    \
        QVERIFY2((run).err.rfind("mfu-explorer: ", 0) == 0, (run).err.c_str());                    \
    } while (false)
