/*
 * update_load: a closed-loop load client for resonance.v1.Presence/UpdateLocation.
 *
 * h2load cannot drive UpdateLocation: every request needs its own user's bearer token
 * and its own position, and a user may move at most once a second at a plausible
 * speed. This client keeps `streams` requests in flight on each of `connections`
 * HTTP/2 connections (nghttp2 client sessions over non-blocking sockets, one epoll
 * loop, one thread). Whenever a stream slot is free it sends the next user of a
 * round-robin queue whose previous update was acknowledged at least `period` seconds
 * ago (the server stamps a move when it processes it, anywhere between send and
 * acknowledgement, so pacing from the acknowledgement keeps every user under the
 * one-a-second limit however long the queueing). Each update moves the user `step`
 * metres along its own fixed bearing.
 *
 * An update counts as acknowledged only on HTTP 200 with grpc-status 0 (in trailers
 * or a trailers-only response). Failures are counted by gRPC code name (or
 * HTTP_<status>, RST_STREAM, NO_GRPC_STATUS) and the first few grpc-messages kept.
 * Rate and latency (request submitted -> stream closed after trailers) cover only
 * requests completed inside the measured window, after the warm-up.
 *
 * Prints one JSON object on stdout. Build:
 *     cc -O2 -Wall -Wextra -o update_load update_load.c -lnghttp2 -lm
 * Usage:
 *     update_load --port PORT --movers FILE [--host 127.0.0.1] [--connections 4]
 *                 [--streams 64] [--duration 10] [--warmup 2] [--period 1.05]
 *                 [--step 5] [--server-pid PID] [--positions-out FILE]
 * The movers file holds one user a line: `token latitude longitude [finished]`, where
 * the optional `finished` is when the user's previous update finished (Unix seconds):
 * the user is not sent before `period` after it. With --positions-out, every user's
 * last sent position and finish time are written there in the same form at the end,
 * so that a later run continues each walk and keeps the pacing across runs.
 * With --server-pid, the server's CPU seconds (utime + stime from /proc/PID/stat)
 * over the measured window are reported too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nghttp2/nghttp2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define UPDATE_PATH "/resonance.v1.Presence/UpdateLocation"
#define METRES_PER_DEGREE (6371008.8 * M_PI / 180.0)
#define GOLDEN_ANGLE 2.399963229728653 /* radians: spreads bearings evenly */
#define ACCURACY_M 10.0
/* UpdateLocationRequest: tag+len+Location{2 x (tag + fixed64)} + tag + fixed64. */
#define MESSAGE_BYTES (2 + 2 * 9 + 9)
#define FRAME_BYTES (5 + MESSAGE_BYTES)
#define OUTPUT_CHUNK 65536
#define MAX_FAILURE_KINDS 32
#define MAX_MESSAGES 5
#define MESSAGE_CHARS 200
#define DRAIN_GRACE_S 10.0

/* --- small helpers --------------------------------------------------------------- */

static void die(const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    fputs("update_load: ", stderr);
    vfprintf(stderr, format, arguments);
    fputc('\n', stderr);
    va_end(arguments);
    exit(2);
}

static void *checked_calloc(size_t count, size_t size) {
    void *memory = calloc(count, size);
    if (memory == NULL) die("out of memory");
    return memory;
}

static double monotonic_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* Unix seconds for a monotonic time (the offset is fixed at the first call). */
static double unix_seconds(double monotonic) {
    static double offset;
    static int known;
    if (!known) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        offset = (double)now.tv_sec + (double)now.tv_nsec / 1e9 - monotonic_seconds();
        known = 1;
    }
    return monotonic + offset;
}

static double own_cpu_seconds(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* utime + stime of `pid` in seconds, or -1 when unreadable. */
static double process_cpu_seconds(long pid) {
    char path[64], text[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *file = fopen(path, "r");
    if (file == NULL) return -1;
    size_t length = fread(text, 1, sizeof text - 1, file);
    fclose(file);
    text[length] = '\0';
    /* Fields after the parenthesised command name: state is field 3, utime 14, stime 15. */
    char *after_name = strrchr(text, ')');
    unsigned long long utime, stime;
    if (after_name == NULL
        || sscanf(after_name + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
                  &utime, &stime) != 2)
        return -1;
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

/* --- options --------------------------------------------------------------------- */

struct options {
    const char *host;
    const char *port;
    const char *movers_path;
    int connections;
    int streams;
    double duration_s;
    double warmup_s;
    double period_s;
    double step_m;
    long server_pid;
    const char *positions_path;
};

static void usage(void) {
    fprintf(stderr,
            "usage: update_load --port PORT --movers FILE [--host HOST] [--connections N]\n"
            "                   [--streams N] [--duration S] [--warmup S] [--period S]\n"
            "                   [--step M] [--server-pid PID] [--positions-out FILE]\n");
    exit(2);
}

static double positive_number(const char *text, const char *name, int allow_zero) {
    char *end;
    double value = strtod(text, &end);
    if (*end != '\0' || value < 0 || (!allow_zero && value == 0) || !isfinite(value))
        die("--%s must be a %s number, not '%s'", name, allow_zero ? "non-negative" : "positive",
            text);
    return value;
}

static struct options parse_options(int argc, char **argv) {
    struct options options = {"127.0.0.1", NULL, NULL, 4, 64, 10, 2, 1.05, 5, 0, NULL};
    static const struct option long_options[] = {
        {"host", required_argument, NULL, 'h'},     {"port", required_argument, NULL, 'p'},
        {"movers", required_argument, NULL, 'm'},   {"connections", required_argument, NULL, 'c'},
        {"streams", required_argument, NULL, 's'},  {"duration", required_argument, NULL, 'd'},
        {"warmup", required_argument, NULL, 'w'},   {"period", required_argument, NULL, 'P'},
        {"step", required_argument, NULL, 'S'},     {"server-pid", required_argument, NULL, 'k'},
        {"positions-out", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    int option;
    while ((option = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
        switch (option) {
        case 'h': options.host = optarg; break;
        case 'p': options.port = optarg; break;
        case 'm': options.movers_path = optarg; break;
        case 'c': options.connections = (int)positive_number(optarg, "connections", 0); break;
        case 's': options.streams = (int)positive_number(optarg, "streams", 0); break;
        case 'd': options.duration_s = positive_number(optarg, "duration", 0); break;
        case 'w': options.warmup_s = positive_number(optarg, "warmup", 1); break;
        case 'P': options.period_s = positive_number(optarg, "period", 0); break;
        case 'S': options.step_m = positive_number(optarg, "step", 1); break;
        case 'k': options.server_pid = (long)positive_number(optarg, "server-pid", 0); break;
        case 'o': options.positions_path = optarg; break;
        default: usage();
        }
    }
    if (optind != argc || options.port == NULL || options.movers_path == NULL) usage();
    if (options.connections < 1 || options.streams < 1) usage();
    return options;
}

/* --- movers and their pacing queue ----------------------------------------------- */

struct mover {
    char *authorization; /* "Bearer <token>" */
    size_t authorization_length;
    double latitude, longitude;
    double step_latitude, step_longitude; /* degrees per update along the bearing */
    double ready_at;                      /* monotonic seconds */
    double finished_unix;                 /* the previous update's end, 0 if none */
};

/* Movers waiting for their turn, in the order they became ready: a user is either
 * here or in flight, so a ring as large as the user count never overflows. Ready
 * times are pushed in non-decreasing order, so the head is always the next due. */
struct ready_queue {
    uint32_t *users;
    size_t capacity, head, count;
};

static void queue_push(struct ready_queue *queue, uint32_t user) {
    queue->users[(queue->head + queue->count) % queue->capacity] = user;
    queue->count++;
}

static uint32_t queue_pop(struct ready_queue *queue) {
    uint32_t user = queue->users[queue->head];
    queue->head = (queue->head + 1) % queue->capacity;
    queue->count--;
    return user;
}

static struct mover *load_movers(const char *path, double step_m, size_t *count) {
    FILE *file = fopen(path, "r");
    if (file == NULL) die("cannot open %s: %s", path, strerror(errno));
    size_t capacity = 1024, used = 0;
    struct mover *movers = checked_calloc(capacity, sizeof *movers);
    char *line = NULL;
    size_t line_capacity = 0;
    while (getline(&line, &line_capacity, file) != -1) {
        char token[512];
        double latitude, longitude, finished_unix = 0;
        if (sscanf(line, "%511s %lf %lf %lf", token, &latitude, &longitude, &finished_unix) < 3) {
            if (strspn(line, " \t\r\n") == strlen(line)) continue;
            die("%s: expected 'token latitude longitude', got: %s", path, line);
        }
        if (used == capacity) {
            capacity *= 2;
            movers = realloc(movers, capacity * sizeof *movers);
            if (movers == NULL) die("out of memory");
        }
        struct mover *mover = &movers[used];
        if (asprintf(&mover->authorization, "Bearer %s", token) < 0) die("out of memory");
        mover->authorization_length = strlen(mover->authorization);
        mover->latitude = latitude;
        mover->longitude = longitude;
        double bearing = fmod((double)used * GOLDEN_ANGLE, 2 * M_PI);
        double parallel = fmax(cos(latitude * M_PI / 180.0), 0.01);
        mover->step_latitude = step_m * cos(bearing) / METRES_PER_DEGREE;
        mover->step_longitude = step_m * sin(bearing) / (METRES_PER_DEGREE * parallel);
        mover->finished_unix = finished_unix;
        used++;
    }
    free(line);
    fclose(file);
    if (used == 0) die("%s holds no movers", path);
    *count = used;
    return movers;
}

/* Moves `mover` one step (a local flat-earth step: exact enough over a few hundred
 * metres, and the server only checks the speed). */
static void advance(struct mover *mover) {
    double latitude = mover->latitude + mover->step_latitude;
    if (latitude > 89.0 || latitude < -89.0) {
        mover->step_latitude = -mover->step_latitude;
        latitude = mover->latitude + mover->step_latitude;
    }
    double longitude = mover->longitude + mover->step_longitude;
    if (longitude > 180.0) longitude -= 360.0;
    if (longitude < -180.0) longitude += 360.0;
    mover->latitude = latitude;
    mover->longitude = longitude;
}

/* Writes every user's last sent position (through a temporary file and a rename, so
 * the output may be the input file). */
static void save_positions(const char *path, const struct mover *movers, size_t count) {
    char *temporary;
    if (asprintf(&temporary, "%s.tmp", path) < 0) die("out of memory");
    FILE *file = fopen(temporary, "w");
    if (file == NULL) die("cannot write %s: %s", temporary, strerror(errno));
    const size_t prefix = strlen("Bearer ");
    for (size_t user = 0; user < count; user++)
        fprintf(file, "%s %.17g %.17g %.6f\n", movers[user].authorization + prefix,
                movers[user].latitude, movers[user].longitude, movers[user].finished_unix);
    if (fclose(file) != 0 || rename(temporary, path) != 0)
        die("cannot write %s: %s", path, strerror(errno));
    free(temporary);
}

/* --- the request body ------------------------------------------------------------ */

static uint8_t *put_double(uint8_t *out, uint8_t tag, double value) {
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    *out++ = tag;
    for (int byte = 0; byte < 8; byte++) *out++ = (uint8_t)(bits >> (8 * byte)); /* little-endian */
    return out;
}

/* The gRPC frame of UpdateLocationRequest{location{latitude, longitude}, accuracy_m}:
 * a 0 compression byte, a 4-byte big-endian length, then the protobuf message with
 * doubles as fixed64 (wire type 1) and the nested Location length-delimited. */
static void encode_update(uint8_t frame[FRAME_BYTES], double latitude, double longitude) {
    frame[0] = 0;
    frame[1] = frame[2] = frame[3] = 0;
    frame[4] = MESSAGE_BYTES;
    uint8_t *out = frame + 5;
    *out++ = (1 << 3) | 2; /* location, length-delimited */
    *out++ = 2 * 9;
    out = put_double(out, (1 << 3) | 1, latitude);
    out = put_double(out, (2 << 3) | 1, longitude);
    put_double(out, (2 << 3) | 1, ACCURACY_M);
}

/* --- results ---------------------------------------------------------------------- */

struct failure_kind {
    char name[32];
    uint64_t count;
};

struct results {
    uint64_t sent, acknowledged_total, acknowledged_window, failed_total;
    struct failure_kind failures[MAX_FAILURE_KINDS];
    int failure_kinds;
    char messages[MAX_MESSAGES][32 + 2 + MESSAGE_CHARS]; /* "NAME: grpc-message" */
    int message_count;
    uint32_t *latencies_us; /* of acknowledged requests completed in the window */
    size_t latency_count, latency_capacity;
    double paced_wait_s; /* window time spent waiting for a user to become due */
};

static const char *const GRPC_CODE_NAMES[] = {
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
    "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
    "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
    "UNAUTHENTICATED",
};

static void count_failure(struct results *results, const char *name, const char *message) {
    results->failed_total++;
    int kind = 0;
    while (kind < results->failure_kinds && strcmp(results->failures[kind].name, name) != 0) kind++;
    if (kind == results->failure_kinds) {
        if (kind == MAX_FAILURE_KINDS) kind = MAX_FAILURE_KINDS - 1; /* lump the rest */
        else results->failure_kinds++;
        snprintf(results->failures[kind].name, sizeof results->failures[kind].name, "%s", name);
    }
    results->failures[kind].count++;
    if (message[0] != '\0' && results->message_count < MAX_MESSAGES)
        snprintf(results->messages[results->message_count++], sizeof results->messages[0], "%s: %s",
                 name, message);
}

static void record_latency(struct results *results, double seconds) {
    if (results->latency_count == results->latency_capacity) {
        results->latency_capacity = results->latency_capacity ? results->latency_capacity * 2 : 65536;
        results->latencies_us =
            realloc(results->latencies_us, results->latency_capacity * sizeof *results->latencies_us);
        if (results->latencies_us == NULL) die("out of memory");
    }
    double microseconds = seconds * 1e6;
    results->latencies_us[results->latency_count++] =
        microseconds >= UINT32_MAX ? UINT32_MAX : (uint32_t)microseconds;
}

static int compare_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static double percentile_ms(const struct results *results, double fraction) {
    if (results->latency_count == 0) return 0;
    size_t index = (size_t)(fraction * (double)(results->latency_count - 1) + 0.5);
    return results->latencies_us[index] / 1000.0;
}

static void print_json_string(const char *text) {
    putchar('"');
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c == '"' || *c == '\\') printf("\\%c", *c);
        else if (*c < 0x20 || *c >= 0x7f) printf("\\u%04x", *c);
        else putchar(*c);
    }
    putchar('"');
}

/* --- connections and requests ---------------------------------------------------- */

struct connection;

struct request {
    struct connection *connection;
    uint32_t user;
    double sent_at;
    uint8_t body[FRAME_BYTES];
    size_t body_offset;
    int http_status;
    int grpc_status; /* -1 until seen */
    char grpc_message[MESSAGE_CHARS];
};

struct connection {
    int fd;
    nghttp2_session *session;
    int connected, settings_received, goaway;
    int in_flight;
    struct request *slots;
    struct request **free_slots;
    int free_count;
    uint8_t *output;
    size_t output_length, output_sent, output_capacity;
    int watching_writable;
};

struct load {
    struct options options;
    struct mover *movers;
    size_t mover_count;
    struct ready_queue queue;
    struct connection *connections;
    int epoll_fd;
    char *authority;
    double window_start, window_end;
    int in_flight;
    struct results results;
};

static struct load load; /* one per process: the nghttp2 callbacks reach it from here */

static ssize_t read_body(nghttp2_session *session, int32_t stream_id, uint8_t *buffer, size_t length,
                         uint32_t *data_flags, nghttp2_data_source *source, void *user_data) {
    (void)session, (void)stream_id, (void)user_data;
    struct request *request = source->ptr;
    size_t remaining = FRAME_BYTES - request->body_offset;
    size_t chunk = remaining < length ? remaining : length;
    memcpy(buffer, request->body + request->body_offset, chunk);
    request->body_offset += chunk;
    if (request->body_offset == FRAME_BYTES) *data_flags |= NGHTTP2_DATA_FLAG_EOF;
    return (ssize_t)chunk;
}

static int header_equals(const uint8_t *name, size_t length, const char *expected) {
    return length == strlen(expected) && memcmp(name, expected, length) == 0;
}

static int on_header(nghttp2_session *session, const nghttp2_frame *frame, const uint8_t *name,
                     size_t name_length, const uint8_t *value, size_t value_length, uint8_t flags,
                     void *user_data) {
    (void)flags, (void)user_data;
    if (frame->hd.type != NGHTTP2_HEADERS) return 0;
    struct request *request = nghttp2_session_get_stream_user_data(session, frame->hd.stream_id);
    if (request == NULL) return 0;
    char text[MESSAGE_CHARS];
    size_t kept = value_length < sizeof text - 1 ? value_length : sizeof text - 1;
    memcpy(text, value, kept);
    text[kept] = '\0';
    if (header_equals(name, name_length, ":status")) request->http_status = atoi(text);
    else if (header_equals(name, name_length, "grpc-status")) request->grpc_status = atoi(text);
    else if (header_equals(name, name_length, "grpc-message"))
        memcpy(request->grpc_message, text, kept + 1);
    return 0;
}

static int on_frame_received(nghttp2_session *session, const nghttp2_frame *frame, void *user_data) {
    (void)session;
    struct connection *connection = user_data;
    if (frame->hd.type == NGHTTP2_SETTINGS && !(frame->hd.flags & NGHTTP2_FLAG_ACK))
        connection->settings_received = 1;
    if (frame->hd.type == NGHTTP2_GOAWAY) connection->goaway = 1;
    return 0;
}

/* The outcome of one finished request: counted, and its user queued for its next move. */
static int on_stream_closed(nghttp2_session *session, int32_t stream_id, uint32_t error_code,
                            void *user_data) {
    struct connection *connection = user_data;
    struct request *request = nghttp2_session_get_stream_user_data(session, stream_id);
    if (request == NULL) return 0;
    double now = monotonic_seconds();
    struct results *results = &load.results;
    char name[32];
    if (request->http_status == 200 && request->grpc_status == 0) {
        results->acknowledged_total++;
        if (now >= load.window_start && now < load.window_end) {
            results->acknowledged_window++;
            record_latency(results, now - request->sent_at);
        }
    } else {
        if (request->http_status != 0 && request->http_status != 200)
            snprintf(name, sizeof name, "HTTP_%d", request->http_status);
        else if (request->grpc_status > 0 && request->grpc_status <= 16)
            snprintf(name, sizeof name, "%s", GRPC_CODE_NAMES[request->grpc_status]);
        else if (request->grpc_status > 16)
            snprintf(name, sizeof name, "GRPC_%d", request->grpc_status);
        else if (error_code != NGHTTP2_NO_ERROR)
            snprintf(name, sizeof name, "RST_STREAM_%u", error_code);
        else
            snprintf(name, sizeof name, "NO_GRPC_STATUS");
        count_failure(results, name, request->grpc_message);
    }
    struct mover *mover = &load.movers[request->user];
    mover->ready_at = now + load.options.period_s;
    mover->finished_unix = unix_seconds(now);
    queue_push(&load.queue, request->user);
    connection->free_slots[connection->free_count++] = request;
    connection->in_flight--;
    load.in_flight--;
    return 0;
}

static void watch(struct connection *connection, int writable) {
    struct epoll_event event = {.events = EPOLLIN | (writable ? EPOLLOUT : 0), .data.ptr = connection};
    if (epoll_ctl(load.epoll_fd, EPOLL_CTL_MOD, connection->fd, &event) != 0)
        die("epoll_ctl: %s", strerror(errno));
    connection->watching_writable = writable;
}

static int open_socket(const struct options *options) {
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *addresses;
    int status = getaddrinfo(options->host, options->port, &hints, &addresses);
    if (status != 0) die("%s:%s: %s", options->host, options->port, gai_strerror(status));
    int fd = socket(addresses->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket: %s", strerror(errno));
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, addresses->ai_addr, addresses->ai_addrlen) != 0 && errno != EINPROGRESS)
        die("connect %s:%s: %s", options->host, options->port, strerror(errno));
    freeaddrinfo(addresses);
    return fd;
}

static void open_connection(struct connection *connection, int streams) {
    connection->fd = open_socket(&load.options);
    connection->slots = checked_calloc((size_t)streams, sizeof *connection->slots);
    connection->free_slots = checked_calloc((size_t)streams, sizeof *connection->free_slots);
    for (int slot = 0; slot < streams; slot++) {
        connection->slots[slot].connection = connection;
        connection->free_slots[slot] = &connection->slots[slot];
    }
    connection->free_count = streams;
    connection->output_capacity = 2 * OUTPUT_CHUNK;
    connection->output = checked_calloc(connection->output_capacity, 1);

    nghttp2_session_callbacks *callbacks;
    if (nghttp2_session_callbacks_new(&callbacks) != 0) die("out of memory");
    nghttp2_session_callbacks_set_on_header_callback(callbacks, on_header);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, on_frame_received);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, on_stream_closed);
    if (nghttp2_session_client_new(&connection->session, callbacks, connection) != 0)
        die("nghttp2_session_client_new failed");
    nghttp2_session_callbacks_del(callbacks);
    nghttp2_settings_entry settings[] = {{NGHTTP2_SETTINGS_ENABLE_PUSH, 0}};
    if (nghttp2_submit_settings(connection->session, NGHTTP2_FLAG_NONE, settings, 1) != 0)
        die("nghttp2_submit_settings failed");

    /* Writable once connected; the client preface then goes out. */
    struct epoll_event event = {.events = EPOLLIN | EPOLLOUT, .data.ptr = connection};
    if (epoll_ctl(load.epoll_fd, EPOLL_CTL_ADD, connection->fd, &event) != 0)
        die("epoll_ctl: %s", strerror(errno));
    connection->watching_writable = 1;
}

/* Streams this connection may have open: ours, capped by the server's SETTINGS. */
static int stream_limit(struct connection *connection) {
    uint32_t remote = nghttp2_session_get_remote_settings(connection->session,
                                                          NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS);
    return remote < (uint32_t)load.options.streams ? (int)remote : load.options.streams;
}

static void submit_update(struct connection *connection, uint32_t user, double now) {
    struct mover *mover = &load.movers[user];
    struct request *request = connection->free_slots[--connection->free_count];
    advance(mover);
    request->user = user;
    request->sent_at = now;
    request->body_offset = 0;
    request->http_status = 0;
    request->grpc_status = -1;
    request->grpc_message[0] = '\0';
    encode_update(request->body, mover->latitude, mover->longitude);

    const uint8_t flags = NGHTTP2_NV_FLAG_NO_COPY_NAME | NGHTTP2_NV_FLAG_NO_COPY_VALUE;
#define HEADER(name, value, length, extra) \
    {(uint8_t *)(name), (uint8_t *)(value), sizeof(name) - 1, (length), flags | (extra)}
    nghttp2_nv headers[] = {
        HEADER(":method", "POST", 4, 0),
        HEADER(":scheme", "http", 4, 0),
        HEADER(":authority", load.authority, strlen(load.authority), 0),
        HEADER(":path", UPDATE_PATH, sizeof UPDATE_PATH - 1, 0),
        HEADER("content-type", "application/grpc", 16, 0),
        HEADER("te", "trailers", 8, 0),
        /* Every user has its own token: indexing them would only churn the HPACK table. */
        HEADER("authorization", mover->authorization, mover->authorization_length,
               NGHTTP2_NV_FLAG_NO_INDEX),
    };
#undef HEADER
    nghttp2_data_provider body = {.source.ptr = request, .read_callback = read_body};
    int32_t stream_id = nghttp2_submit_request(connection->session, NULL, headers,
                                               sizeof headers / sizeof headers[0], &body, request);
    if (stream_id < 0) die("nghttp2_submit_request: %s", nghttp2_strerror(stream_id));
    connection->in_flight++;
    load.in_flight++;
    load.results.sent++;
}

/* Fills free stream slots with due users, connection by connection in turn. */
static void submit_due_updates(double now) {
    int progress = 1;
    while (progress && load.queue.count > 0) {
        progress = 0;
        for (int index = 0; index < load.options.connections; index++) {
            struct connection *connection = &load.connections[index];
            if (!connection->settings_received || connection->goaway) continue;
            if (connection->in_flight >= stream_limit(connection) || connection->free_count == 0) continue;
            if (load.queue.count == 0 || load.movers[load.queue.users[load.queue.head]].ready_at > now)
                return;
            submit_update(connection, queue_pop(&load.queue), now);
            progress = 1;
        }
    }
}

/* Serialises pending frames and writes as much as the socket takes. */
static void flush(struct connection *connection) {
    if (!connection->connected) return;
    for (;;) {
        while (connection->output_length < OUTPUT_CHUNK) {
            const uint8_t *data;
            ssize_t length = nghttp2_session_mem_send(connection->session, &data);
            if (length < 0) die("nghttp2_session_mem_send: %s", nghttp2_strerror((int)length));
            if (length == 0) break;
            size_t needed = connection->output_length + (size_t)length;
            if (needed > connection->output_capacity) {
                while (connection->output_capacity < needed) connection->output_capacity *= 2;
                connection->output = realloc(connection->output, connection->output_capacity);
                if (connection->output == NULL) die("out of memory");
            }
            memcpy(connection->output + connection->output_length, data, (size_t)length);
            connection->output_length = needed;
        }
        if (connection->output_sent == connection->output_length) {
            connection->output_sent = connection->output_length = 0;
            if (connection->watching_writable) watch(connection, 0);
            return;
        }
        ssize_t written = write(connection->fd, connection->output + connection->output_sent,
                                connection->output_length - connection->output_sent);
        if (written < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                if (!connection->watching_writable) watch(connection, 1);
                return;
            }
            die("write: %s", strerror(errno));
        }
        connection->output_sent += (size_t)written;
        if (connection->output_sent == connection->output_length)
            connection->output_sent = connection->output_length = 0;
    }
}

static void receive(struct connection *connection) {
    static uint8_t buffer[1 << 16];
    for (;;) {
        ssize_t length = read(connection->fd, buffer, sizeof buffer);
        if (length > 0) {
            ssize_t consumed = nghttp2_session_mem_recv(connection->session, buffer, (size_t)length);
            if (consumed < 0) die("nghttp2_session_mem_recv: %s", nghttp2_strerror((int)consumed));
            if ((size_t)length < sizeof buffer) return;
        } else if (length == 0) {
            die("the server closed a connection (%d streams in flight)", connection->in_flight);
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return;
        } else {
            die("read: %s", strerror(errno));
        }
    }
}

static void on_connected(struct connection *connection) {
    int error = 0;
    socklen_t length = sizeof error;
    getsockopt(connection->fd, SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0)
        die("connect %s:%s: %s", load.options.host, load.options.port, strerror(error));
    connection->connected = 1;
}

static int compare_readiness(const void *a, const void *b) {
    const struct mover *x = &load.movers[*(const uint32_t *)a], *y = &load.movers[*(const uint32_t *)b];
    if (x->ready_at != y->ready_at) return x->ready_at < y->ready_at ? -1 : 1;
    return (*(const uint32_t *)a > *(const uint32_t *)b) - (*(const uint32_t *)a < *(const uint32_t *)b);
}

/* Queues every user, the longest idle first: ready at `start`, or `period` after its
 * previous update finished if that is later. */
static void queue_movers_by_readiness(double start) {
    double start_unix = unix_seconds(start);
    for (uint32_t user = 0; user < load.mover_count; user++) {
        struct mover *mover = &load.movers[user];
        double due = mover->finished_unix + load.options.period_s - start_unix;
        mover->ready_at = start + (due > 0 ? due : 0);
        load.queue.users[user] = user;
    }
    qsort(load.queue.users, load.mover_count, sizeof *load.queue.users, compare_readiness);
    load.queue.head = 0;
    load.queue.count = load.mover_count;
}

/* --- the loop -------------------------------------------------------------------- */

/* Milliseconds epoll may sleep: until the next user is due if a slot is free, else
 * until something arrives; never past the next phase boundary. */
static int sleep_milliseconds(double now, double deadline, int *waiting_for_pacing) {
    double wake = deadline;
    *waiting_for_pacing = 0;
    if (load.queue.count > 0 && now < load.window_end) {
        int slot_free = 0;
        for (int index = 0; index < load.options.connections && !slot_free; index++) {
            struct connection *connection = &load.connections[index];
            slot_free = connection->settings_received && !connection->goaway
                        && connection->in_flight < stream_limit(connection);
        }
        double due = load.movers[load.queue.users[load.queue.head]].ready_at;
        if (slot_free && due > now) {
            *waiting_for_pacing = 1;
            if (due < wake) wake = due;
        }
    }
    if (now < load.window_start && load.window_start < wake) wake = load.window_start;
    double milliseconds = ceil((wake - now) * 1000.0);
    if (milliseconds < 0) return 0;
    return milliseconds > 100 ? 100 : (int)milliseconds;
}

static void run(void) {
    struct epoll_event events[64];
    double start = monotonic_seconds();
    load.window_start = start + load.options.warmup_s;
    load.window_end = load.window_start + load.options.duration_s;
    double drain_deadline = load.window_end + DRAIN_GRACE_S;
    queue_movers_by_readiness(start);

    double server_cpu_start = -1, client_cpu_start = 0;
    int window_started = 0;
    for (;;) {
        double now = monotonic_seconds();
        if (!window_started && now >= load.window_start) {
            window_started = 1;
            client_cpu_start = own_cpu_seconds();
            if (load.options.server_pid) server_cpu_start = process_cpu_seconds(load.options.server_pid);
        }
        if (now >= load.window_end) break;
        submit_due_updates(now);
        for (int index = 0; index < load.options.connections; index++) flush(&load.connections[index]);
        int waiting_for_pacing;
        int timeout = sleep_milliseconds(now, load.window_end, &waiting_for_pacing);
        int ready = epoll_wait(load.epoll_fd, events, 64, timeout);
        if (ready < 0 && errno != EINTR) die("epoll_wait: %s", strerror(errno));
        if (waiting_for_pacing && now >= load.window_start)
            load.results.paced_wait_s += monotonic_seconds() - now;
        for (int event = 0; event < ready; event++) {
            struct connection *connection = events[event].data.ptr;
            if (!connection->connected && (events[event].events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
                on_connected(connection);
            if (events[event].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) receive(connection);
            if (events[event].events & EPOLLOUT) flush(connection);
        }
    }
    double client_cpu = own_cpu_seconds() - client_cpu_start;
    double server_cpu = -1;
    if (server_cpu_start >= 0) server_cpu = process_cpu_seconds(load.options.server_pid) - server_cpu_start;

    /* Let the requests still in flight finish (they are counted, outside the window). */
    while (load.in_flight > 0 && monotonic_seconds() < drain_deadline) {
        for (int index = 0; index < load.options.connections; index++) flush(&load.connections[index]);
        int ready = epoll_wait(load.epoll_fd, events, 64, 100);
        if (ready < 0 && errno != EINTR) die("epoll_wait: %s", strerror(errno));
        for (int event = 0; event < ready; event++) {
            struct connection *connection = events[event].data.ptr;
            if (events[event].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) receive(connection);
            if (events[event].events & EPOLLOUT) flush(connection);
        }
    }

    struct results *results = &load.results;
    qsort(results->latencies_us, results->latency_count, sizeof *results->latencies_us, compare_u32);
    printf("{\"acknowledged\": %llu, \"measured_seconds\": %.3f, \"rate\": %.1f, ",
           (unsigned long long)results->acknowledged_window, load.options.duration_s,
           (double)results->acknowledged_window / load.options.duration_s);
    printf("\"p50_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f, ", percentile_ms(results, 0.50),
           percentile_ms(results, 0.99),
           results->latency_count ? results->latencies_us[results->latency_count - 1] / 1000.0 : 0.0);
    printf("\"client_cpu_seconds\": %.3f, \"server_cpu_seconds\": %.3f, ", client_cpu, server_cpu);
    printf("\"paced_wait_seconds\": %.3f, \"sent\": %llu, \"acknowledged_total\": %llu, ",
           results->paced_wait_s, (unsigned long long)results->sent,
           (unsigned long long)results->acknowledged_total);
    printf("\"unfinished\": %d, \"movers\": %zu, \"connections\": %d, \"streams\": %d, ",
           load.in_flight, load.mover_count, load.options.connections,
           stream_limit(&load.connections[0]));
    printf("\"failed_total\": %llu, \"failed\": {", (unsigned long long)results->failed_total);
    for (int kind = 0; kind < results->failure_kinds; kind++) {
        printf("%s", kind ? ", " : "");
        print_json_string(results->failures[kind].name);
        printf(": %llu", (unsigned long long)results->failures[kind].count);
    }
    printf("}, \"messages\": [");
    for (int message = 0; message < results->message_count; message++) {
        printf("%s", message ? ", " : "");
        print_json_string(results->messages[message]);
    }
    printf("]}\n");
}

int main(int argc, char **argv) {
    load.options = parse_options(argc, argv);
    load.movers = load_movers(load.options.movers_path, load.options.step_m, &load.mover_count);
    load.queue.capacity = load.mover_count;
    load.queue.users = checked_calloc(load.mover_count, sizeof *load.queue.users);
    if (asprintf(&load.authority, "%s:%s", load.options.host, load.options.port) < 0)
        die("out of memory");

    load.epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    if (load.epoll_fd < 0) die("epoll_create1: %s", strerror(errno));
    load.connections = checked_calloc((size_t)load.options.connections, sizeof *load.connections);
    for (int index = 0; index < load.options.connections; index++)
        open_connection(&load.connections[index], load.options.streams);
    run();
    if (load.options.positions_path != NULL)
        save_positions(load.options.positions_path, load.movers, load.mover_count);
    return load.results.failed_total == 0 && load.in_flight == 0 ? 0 : 1;
}
