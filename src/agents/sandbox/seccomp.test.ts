import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileSeccompFilter, deniedSyscallsX64, seccompActions } from './seccomp.js';

const { RET_ALLOW, RET_KILL_PROCESS, retErrno, EPERM, ENOSYS, EAFNOSUPPORT } = seccompActions;
const X64 = 0xc000_003e;

/** A classic-BPF interpreter for the subset the filter uses, run over the compiled bytes themselves. */
function evaluate(filter: Buffer, data: { nr: number; arch?: number; args?: number[] }): number {
  const word = (off: number): number => {
    if (off === 0) return data.nr >>> 0;
    if (off === 4) return (data.arch ?? X64) >>> 0;
    if (off >= 16 && (off - 16) % 8 === 0) return (data.args?.[(off - 16) / 8] ?? 0) >>> 0;
    throw new Error(`unexpected load offset ${off}`);
  };
  let acc = 0;
  for (let pc = 0; pc * 8 < filter.length; ) {
    const code = filter.readUInt16LE(pc * 8);
    const jt = filter.readUInt8(pc * 8 + 2);
    const jf = filter.readUInt8(pc * 8 + 3);
    const k = filter.readUInt32LE(pc * 8 + 4);
    switch (code) {
      case 0x20:
        acc = word(k);
        pc++;
        break;
      case 0x15:
        pc += 1 + (acc === k ? jt : jf);
        break;
      case 0x35:
        pc += 1 + (acc >= k ? jt : jf);
        break;
      case 0x45:
        pc += 1 + ((acc & k) !== 0 ? jt : jf);
        break;
      case 0x06:
        return k;
      default:
        throw new Error(`unexpected opcode ${code.toString(16)} at ${pc}`);
    }
  }
  throw new Error('fell off the end of the filter');
}

describe('seccomp deny-list', () => {
  const filter = compileSeccompFilter('x64');

  test('ordinary syscalls are allowed', () => {
    for (const nr of [0, 1, 2, 9, 57, 59, 231, 257])
      assert.equal(evaluate(filter, { nr }), RET_ALLOW, `nr ${nr}`);
  });

  test('every denied syscall returns EPERM', () => {
    for (const [name, nr] of Object.entries(deniedSyscallsX64)) {
      assert.equal(evaluate(filter, { nr }), retErrno(EPERM), name);
    }
    assert.equal(deniedSyscallsX64.ptrace, 101);
    assert.equal(deniedSyscallsX64.unshare, 272);
    // Anonymous shared memory that no tmpfs size bounds.
    assert.equal(deniedSyscallsX64.memfd_create, 319);
    assert.equal(deniedSyscallsX64.shmget, 29);
  });

  test('clone may create threads and processes but no namespace', () => {
    const threadFlags = 0x003d_0f00; // what glibc passes for pthread_create
    assert.equal(evaluate(filter, { nr: 56, args: [threadFlags] }), RET_ALLOW);
    assert.equal(evaluate(filter, { nr: 56, args: [0x0100_0011] }), RET_ALLOW); // fork()
    for (const ns of [0x1000_0000, 0x2000_0000, 0x4000_0000, 0x0002_0000, 0x0800_0000]) {
      assert.equal(evaluate(filter, { nr: 56, args: [0x11 | ns] }), retErrno(EPERM), ns.toString(16));
    }
  });

  test('clone3 reports ENOSYS so libc falls back to the checkable clone', () => {
    assert.equal(evaluate(filter, { nr: 435 }), retErrno(ENOSYS));
  });

  test('terminal injection ioctls are refused, others pass', () => {
    assert.equal(evaluate(filter, { nr: 16, args: [0, 0x5412] }), retErrno(EPERM));
    assert.equal(evaluate(filter, { nr: 16, args: [0, 0x541c] }), retErrno(EPERM));
    assert.equal(evaluate(filter, { nr: 16, args: [0, 0x5401] }), RET_ALLOW); // TCGETS
  });

  test('AF_VSOCK sockets are refused, inet and unix sockets pass', () => {
    assert.equal(evaluate(filter, { nr: 41, args: [40, 1] }), retErrno(EAFNOSUPPORT));
    assert.equal(evaluate(filter, { nr: 41, args: [2, 1] }), RET_ALLOW);
    assert.equal(evaluate(filter, { nr: 41, args: [1, 1] }), RET_ALLOW);
  });

  test('a foreign architecture is killed and the x32 ABI is refused', () => {
    assert.equal(evaluate(filter, { nr: 0, arch: 0x4000_0003 }), RET_KILL_PROCESS); // i386
    assert.equal(evaluate(filter, { nr: 0x4000_0000 | 101 }), retErrno(EPERM));
  });

  test('other architectures fail closed instead of running unfiltered', () => {
    assert.throws(() => compileSeccompFilter('arm64'), /only defined for x64/);
  });
});
