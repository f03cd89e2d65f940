/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the xl test files share: their cases, and a configuration whose
 * report stream is kept in memory so that cases can compare messages.
 */
#ifndef XL_TESTS_H
#define XL_TESTS_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <libxlutil.h>

#include "harness.h"

extern const struct test_case cfg_cases[], guest_cases[], list_cases[],
    fuzz_cases[];
extern const size_t cfg_ncases, guest_ncases, list_ncases, fuzz_ncases;

/* Frees what a case of test-guest.c left. */
void guest_cleanup(void);

/* Messages name configurations made here so. */
#define TEST_CFG "test.cfg"

/*
 * The configuration of the running case, reporting into memory.  Starting
 * one ends the one before; run_end (after each case) frees it.
 */
XLU_Config *run_start(const char *filename);
void run_end(void);
XLU_Config *run_config(void);
/* What was reported so far, "" when nothing. */
const char *run_report(void);
/* The report stream, for APIs that take one. */
FILE *run_stream(void);

/* A fresh TEST_CFG configuration, then xlu_cfg_readdata of text. */
int run_parse(const char *text, size_t len);
#define PARSE(literal) run_parse(literal, sizeof(literal) - 1)

/* NULL when the report is exactly expected, else why not. */
const char *report_is(const char *expected);
/* NULL when parsing text fails with rc and exactly this report. */
const char *parse_fails_len(const char *text, size_t len, int rc,
                            const char *report);
#define parse_fails(text, rc, report) \
    parse_fails_len(text, strlen(text), rc, report)

/* The test's own temporary folder, made by main. */
extern char tmp_dir[64];

/* A file in the test's own temporary folder: its path, made from name. */
const char *tmp_path(const char *name);
/* Writes len bytes to tmp_path(name); returns its path, NULL on failure. */
const char *tmp_file(const char *name, const char *data, size_t len);

#endif /* XL_TESTS_H */
