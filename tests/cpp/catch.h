// Includes Catch2 v3 or v2, whichever is installed.
#ifndef SIDEBARSPAM_TESTS_CATCH_H_
#define SIDEBARSPAM_TESTS_CATCH_H_
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif
#endif
