// Ending a worker thread that uses the library, while calls are in flight,
// must never take the host process down with it. Each round runs in a child
// process (terminate-child.mjs), so that an abort there is seen here as a
// signal instead of killing the test runner.

import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { test } from 'node:test'

import { tempDir } from './helpers.mjs'

const CHILD = fileURLToPath(new URL('./terminate-child.mjs', import.meta.url))

/** Runs one round in a child process; returns how it ended. */
async function round(mode, number, dir) {
  try {
    await promisify(execFile)(process.execPath, [CHILD, mode, String(number), dir])
    return { code: 0, signal: null, stderr: '' }
  } catch (error) {
    return { code: error.code, signal: error.signal, stderr: error.stderr }
  }
}

async function survives(t, mode, rounds) {
  const dir = tempDir(t)
  for (let number = 0; number < rounds; number++) {
    const { code, signal, stderr } = await round(mode, number, dir)
    assert.equal(signal, null, `round ${number}: the process was killed by ${signal}\n${stderr}`)
    assert.equal(code, 0, `round ${number}: the process exited with ${code}\n${stderr}`)
  }
}

test('terminating a worker with hundreds of promises in flight never aborts the process', async (t) => {
  await survives(t, 'terminate-async', 20)
})

test('terminating a worker in the middle of Sync calls never aborts the process', async (t) => {
  await survives(t, 'terminate-sync', 10)
})

test('a worker that exits with its shop open and promises in flight never aborts the process', async (t) => {
  await survives(t, 'exit', 5)
})
