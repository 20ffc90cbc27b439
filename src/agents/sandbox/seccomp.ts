// Assembles the sandbox's seccomp deny-list as a classic BPF program (the format `bwrap --seccomp FD` loads).

// BPF opcodes (linux/bpf_common.h) and seccomp return actions (linux/seccomp.h).
const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const JSET_K = 0x45;
const RET_K = 0x06;
const RET_KILL_PROCESS = 0x8000_0000;
const RET_ALLOW = 0x7fff_0000;
const retErrno = (errno: number) => 0x0005_0000 | (errno & 0xffff);

const EPERM = 1;
const ENOSYS = 38;
const EAFNOSUPPORT = 97;

// struct seccomp_data offsets: nr, arch, instruction_pointer (u64), args[6] (u64, low word first on x86_64).
const OFF_NR = 0;
const OFF_ARCH = 4;
const argLow = (i: number) => 16 + 8 * i;

const AUDIT_ARCH_X86_64 = 0xc000_003e;
const X32_SYSCALL_BIT = 0x4000_0000;

/** Syscalls a sandboxed program never needs: kernel attack surface, namespace and mount games, tracing. */
export const deniedSyscallsX64: Readonly<Record<string, number>> = {
  ptrace: 101,
  process_vm_readv: 310,
  process_vm_writev: 311,
  kcmp: 312,
  pidfd_getfd: 438,
  mount: 165,
  umount2: 166,
  pivot_root: 155,
  chroot: 161,
  fsopen: 430,
  fsconfig: 431,
  fsmount: 432,
  fspick: 433,
  move_mount: 429,
  open_tree: 428,
  mount_setattr: 442,
  unshare: 272,
  setns: 308,
  keyctl: 250,
  add_key: 248,
  request_key: 249,
  bpf: 321,
  perf_event_open: 298,
  userfaultfd: 323,
  io_uring_setup: 425,
  io_uring_enter: 426,
  io_uring_register: 427,
  kexec_load: 246,
  kexec_file_load: 320,
  init_module: 175,
  finit_module: 313,
  delete_module: 176,
  reboot: 169,
  swapon: 167,
  swapoff: 168,
  acct: 163,
  quotactl: 179,
  syslog: 103,
  open_by_handle_at: 304,
  name_to_handle_at: 303,
  lookup_dcookie: 212,
  iopl: 172,
  ioperm: 173,
  settimeofday: 164,
  clock_settime: 227,
  adjtimex: 159,
  clock_adjtime: 305,
  vhangup: 153,
  uselib: 134,
  nfsservctl: 180,
  // Anonymous shared memory no mount size bounds (without cgroups nothing else counts it): files go to tmpfs.
  memfd_create: 319,
  memfd_secret: 447,
  shmget: 29,
};

const SYS_CLONE = 56;
const SYS_CLONE3 = 435;
const SYS_IOCTL = 16;
const SYS_SOCKET = 41;
/** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET: clone may not make namespaces. */
export const CLONE_NAMESPACE_FLAGS =
  0x0002_0000 | 0x0200_0000 | 0x0400_0000 | 0x0800_0000 | 0x1000_0000 | 0x2000_0000 | 0x4000_0000;
/** TIOCSTI and TIOCLINUX push input into a terminal the sandbox might share. */
const DENIED_IOCTLS = [0x5412, 0x541c];
/** AF_VSOCK is not isolated by a network namespace: on a VM it reaches the hypervisor host. */
const AF_VSOCK = 40;

interface Insn {
  code: number;
  jt: number;
  jf: number;
  k: number;
}
const stmt = (code: number, k: number): Insn => ({ code, jt: 0, jf: 0, k });
const jump = (code: number, k: number, jt: number, jf: number): Insn => ({ code, jt, jf, k });

/** The deny-list as instructions (exported for the unit test's interpreter). */
export function denyListProgram(): Insn[] {
  const p: Insn[] = [
    stmt(LD_W_ABS, OFF_ARCH),
    jump(JEQ_K, AUDIT_ARCH_X86_64, 1, 0),
    stmt(RET_K, RET_KILL_PROCESS),
    stmt(LD_W_ABS, OFF_NR),
    // The x32 ABI reaches the same kernel entry points under other numbers: refuse it wholesale.
    jump(JGE_K, X32_SYSCALL_BIT, 0, 1),
    stmt(RET_K, retErrno(EPERM)),
  ];
  for (const nr of Object.values(deniedSyscallsX64)) {
    p.push(jump(JEQ_K, nr, 0, 1), stmt(RET_K, retErrno(EPERM)));
  }
  // clone3 passes its flags in memory BPF cannot read: ENOSYS makes libc fall back to clone, which we can check.
  p.push(jump(JEQ_K, SYS_CLONE3, 0, 1), stmt(RET_K, retErrno(ENOSYS)));
  // Each argument check below ends in ALLOW or a denial, so the syscall number need not be reloaded.
  p.push(
    jump(JEQ_K, SYS_CLONE, 0, 4),
    stmt(LD_W_ABS, argLow(0)),
    jump(JSET_K, CLONE_NAMESPACE_FLAGS, 0, 1),
    stmt(RET_K, retErrno(EPERM)),
    stmt(RET_K, RET_ALLOW),
  );
  const ioctlChecks = DENIED_IOCTLS.flatMap((req) => [jump(JEQ_K, req, 0, 1), stmt(RET_K, retErrno(EPERM))]);
  p.push(
    jump(JEQ_K, SYS_IOCTL, 0, ioctlChecks.length + 2),
    stmt(LD_W_ABS, argLow(1)),
    ...ioctlChecks,
    stmt(RET_K, RET_ALLOW),
  );
  p.push(
    jump(JEQ_K, SYS_SOCKET, 0, 4),
    stmt(LD_W_ABS, argLow(0)),
    jump(JEQ_K, AF_VSOCK, 0, 1),
    stmt(RET_K, retErrno(EAFNOSUPPORT)),
    stmt(RET_K, RET_ALLOW),
  );
  p.push(stmt(RET_K, RET_ALLOW));
  return p;
}

/** The compiled filter: struct sock_filter[] in host byte order (little-endian on x86_64). */
export function compileSeccompFilter(arch: string = process.arch): Buffer {
  if (arch !== 'x64') {
    // Fail closed: running without the filter on another architecture would silently drop a layer.
    throw new Error(`the sandbox seccomp filter is only defined for x64, not ${arch}`);
  }
  const prog = denyListProgram();
  const buf = Buffer.alloc(prog.length * 8);
  prog.forEach((ins, i) => {
    buf.writeUInt16LE(ins.code, i * 8);
    buf.writeUInt8(ins.jt, i * 8 + 2);
    buf.writeUInt8(ins.jf, i * 8 + 3);
    buf.writeUInt32LE(ins.k >>> 0, i * 8 + 4);
  });
  return buf;
}

export const seccompActions = { RET_ALLOW, RET_KILL_PROCESS, retErrno, EPERM, ENOSYS, EAFNOSUPPORT } as const;
