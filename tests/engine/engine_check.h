#pragma once

// A small test harness for the engine, whose tests must link nothing but mfu_engine (the
// proof that the engine needs no Qt). Each TEST registers itself; main() runs them all and
// ends with the "N passed, N failed" line ctest logs show.

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace engine_check {

struct TestCase
{
    const char *name;
    std::function<void()> body;
};

inline std::vector<TestCase> &registry()
{
    static std::vector<TestCase> tests;
    return tests;
}

inline int &failures()
{
    static int count = 0;
    return count;
}

struct Registrar
{
    Registrar(const char *name, std::function<void()> body)
    {
        registry().push_back({name, std::move(body)});
    }
};

inline void fail(const char *file, int line, const std::string &what)
{
    ++failures();
    std::fprintf(stderr, "  FAIL %s:%d: %s\n", file, line, what.c_str());
}

inline bool near(double actual, double expected, double relTol)
{
    if (actual == expected)
        return true;
    return std::fabs(actual - expected) <= relTol * std::fmax(std::fabs(expected), 1e-300);
}

inline int runAll()
{
    int passed = 0, failed = 0;
    for (const TestCase &t : registry()) {
        const int before = failures();
        t.body();
        const bool ok = failures() == before;
        std::printf("%s %s\n", ok ? "PASS" : "FAIL", t.name);
        (ok ? passed : failed)++;
    }
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

} // namespace engine_check

#define CHECK_CONCAT2(a, b) a##b
#define CHECK_CONCAT(a, b) CHECK_CONCAT2(a, b)
#define TEST(name)                                                                                 \
    static void name();                                                                            \
    static engine_check::Registrar CHECK_CONCAT(registrar_, name)(#name, name);                    \
    static void name()

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            engine_check::fail(__FILE__, __LINE__, #cond);                                         \
    } while (0)

// Relative tolerance comparison; exact equality passes with tolerance 0.
#define CHECK_NEAR(actual, expected, relTol)                                                       \
    do {                                                                                           \
        const double a_ = (actual), e_ = (expected);                                               \
        if (!engine_check::near(a_, e_, (relTol)))                                                 \
            engine_check::fail(__FILE__, __LINE__,                                                 \
                               std::string(#actual) + " = " + std::to_string(a_) + ", expected " + \
                                   std::to_string(e_));                                            \
    } while (0)

#define CHECK_EQ(actual, expected) CHECK_NEAR(actual, expected, 0.0)
