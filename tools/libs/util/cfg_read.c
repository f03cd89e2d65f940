/* SPDX-License-Identifier: LGPL-2.1-only */
/* Reading configuration text from a file or a buffer, within bounds. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"

static int check_length(XLU_Config *cfg, const char *source, long length)
{
    if ( length < 0 ) {
        fprintf(cfg->report, "%s: negative length %ld\n", source, length);
        return EINVAL;
    }
    if ( length > XLU_CFG_MAX_FILE ) {
        fprintf(cfg->report, "%s: larger than %d bytes\n", source,
                XLU_CFG_MAX_FILE);
        return EFBIG;
    }
    return 0;
}

int xlu_cfg_readfile(XLU_Config *cfg, const char *real_filename)
{
    /* One byte more than allowed, to see that there is too much. */
    size_t size = XLU_CFG_MAX_FILE + 1, len;
    char *text;
    FILE *f;
    int rc;

    f = fopen(real_filename, "r");
    if ( !f ) {
        rc = errno;
        fprintf(cfg->report, "%s: cannot open: %s\n", real_filename,
                strerror(rc));
        return rc;
    }
    text = malloc(size);
    if ( !text ) {
        fclose(f);
        return ENOMEM;
    }
    /* fread, not a size from stat: the file may be a pipe. */
    errno = 0;
    len = fread(text, 1, size, f);
    if ( ferror(f) ) {
        rc = errno ? errno : EIO;
        fprintf(cfg->report, "%s: cannot read: %s\n", real_filename,
                strerror(rc));
        goto out;
    }
    rc = check_length(cfg, real_filename, len);
    if ( !rc )
        rc = xlu__parse(cfg, cfg->filename, text, len);
out:
    free(text);
    fclose(f);
    return rc;
}

int xlu_cfg_readdata(XLU_Config *cfg, const char *data, int length)
{
    int rc = check_length(cfg, cfg->filename, length);

    return rc ? rc : xlu__parse(cfg, cfg->filename, data, length);
}

int xlu_cfg_readdata_from(XLU_Config *cfg, const char *source, const char *data,
                          int length)
{
    const char *kept = xlu__add_source(cfg, source);
    int rc;

    if ( !kept )
        return ENOMEM;
    rc = check_length(cfg, kept, length);
    return rc ? rc : xlu__parse(cfg, kept, data, length);
}
