#ifndef LOG_H
#define LOG_H

void log_write(int level, const char *fmt, ...);
void log_level(int level);

#endif
