// The kernel's floor for awaited Nop on one thread (docs/performance.md, "The floor of a Nop on the ring thread"):
// 64 NOPs in flight, each completion refills its entry, one io_uring_enter per round (submit what was refilled and
// wait for one), as the ring thread does for loops on its own context, with no runtime around it.
//   gcc -O2 -o /tmp/uring_nop_floor bench/native/uring_nop_floor.c && /tmp/uring_nop_floor 3 0
// argv: seconds, clock reads per operation (0; 1: the benchmark's latency stamp; 2: and the watchdog's), setup flags
// (0x1000 SINGLE_ISSUER, 0x2000 DEFER_TASKRUN, ...). Prints operations per second and CPU microseconds per operation.
#include <linux/io_uring.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/resource.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdatomic.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static double cpu(void) { struct rusage r; getrusage(RUSAGE_SELF, &r); return r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6 + r.ru_stime.tv_sec + r.ru_stime.tv_usec / 1e6; }

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 3;
    int stamps = argc > 2 ? atoi(argv[2]) : 0;
    unsigned flags = argc > 3 ? strtoul(argv[3], 0, 0) : 0;
    struct io_uring_params p; memset(&p, 0, sizeof p); p.flags = flags;
    int fd = syscall(__NR_io_uring_setup, 256, &p);
    if (fd < 0) { perror("setup"); return 1; }
    size_t sqsz = p.sq_off.array + p.sq_entries * 4, cqsz = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
    char *sq = mmap(0, sqsz, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_POPULATE, fd, IORING_OFF_SQ_RING);
    char *cq = mmap(0, cqsz, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_POPULATE, fd, IORING_OFF_CQ_RING);
    struct io_uring_sqe *sqes = mmap(0, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ|PROT_WRITE, MAP_SHARED|MAP_POPULATE, fd, IORING_OFF_SQES);
    unsigned *sqtail = (unsigned *)(sq + p.sq_off.tail), *sqmask = (unsigned *)(sq + p.sq_off.ring_mask), *sqarr = (unsigned *)(sq + p.sq_off.array);
    unsigned *cqhead = (unsigned *)(cq + p.cq_off.head), *cqtail = (unsigned *)(cq + p.cq_off.tail), *cqmask = (unsigned *)(cq + p.cq_off.ring_mask);
    struct io_uring_cqe *cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
    unsigned tail = *sqtail, pending = 0;
    volatile long sink = 0;
    for (int i = 0; i < 64; i++) { unsigned idx = tail & *sqmask; memset(&sqes[idx], 0, sizeof sqes[0]); sqes[idx].opcode = IORING_OP_NOP; sqes[idx].user_data = i; sqarr[idx] = idx; tail++; pending++; }
    atomic_store_explicit((_Atomic unsigned *)sqtail, tail, memory_order_release);
    long ops = 0; double t0 = now(), c0 = cpu(), end = t0 + seconds;
    while (1) {
        int r = syscall(__NR_io_uring_enter, fd, pending, 1, IORING_ENTER_GETEVENTS, NULL, 0);
        if (r < 0) { perror("enter"); return 1; }
        pending = 0;
        unsigned head = *cqhead, ct = atomic_load_explicit((_Atomic unsigned *)cqtail, memory_order_acquire);
        while (head != ct) {
            struct io_uring_cqe *c = &cqes[head & *cqmask];
            for (int s = 0; s < stamps; s++) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); sink += t.tv_nsec; }
            unsigned idx = tail & *sqmask; memset(&sqes[idx], 0, sizeof sqes[0]); sqes[idx].opcode = IORING_OP_NOP; sqes[idx].user_data = c->user_data; sqarr[idx] = idx; tail++; pending++;
            head++; ops++;
        }
        atomic_store_explicit((_Atomic unsigned *)cqhead, head, memory_order_release);
        atomic_store_explicit((_Atomic unsigned *)sqtail, tail, memory_order_release);
        if ((ops & 1023) < 64 && now() > end) break;
    }
    double el = now() - t0, c = cpu() - c0;
    printf("stamps=%d flags=0x%x: %.2f M ops/s, %.3f CPU us/op\n", stamps, flags, ops / el / 1e6, c * 1e6 / ops);
    return 0;
}
