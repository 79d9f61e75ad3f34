// Lays out the two npm packages of a release and packs them into dist/:
//
//   oms-kit                  the JavaScript of oms-node (index.js, loader.js and
//                            the declarations), README and LICENSE; no binary.
//                            `optionalDependencies` names the platform package.
//   oms-kit-linux-x64-gnu    the stripped release addon, with `os`, `cpu` and
//                            `libc` so that npm installs it only where it runs.
//
// usage: node scripts/stage-npm.mjs ADDON OUT_DIR
//   ADDON    the built `oms-kit.linux-x64-gnu.node` (make dist builds it)
//   OUT_DIR  where the tarballs go (dist/)
//
// The version is the workspace's (Cargo.toml `[workspace.package]`); the
// committed package.json files must already say it: a mismatch stops the
// release rather than publishing two versions under one name.

import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const NODE_DIR = join(ROOT, 'oms-node')
const PLATFORM = 'linux-x64-gnu'
const PLATFORM_DIR = join(NODE_DIR, 'npm', PLATFORM)

function fail(message) {
  console.error(`stage-npm: ${message}`)
  process.exit(1)
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'))
}

function writeJson(path, value) {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`)
}

/** The workspace version, as cargo reads it (the one `oms.__version__` carries). */
export function workspaceVersion() {
  const metadata = JSON.parse(
    execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1', '--offline'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  )
  const node = metadata.packages.find((pkg) => pkg.name === 'oms-node')
  if (!node) fail('cargo metadata lists no oms-node package')
  return node.version
}

/** Every committed place that states the npm version, with what it says. */
export function statedVersions() {
  const main = readJson(join(NODE_DIR, 'package.json'))
  const lock = readJson(join(NODE_DIR, 'package-lock.json'))
  const platform = readJson(join(PLATFORM_DIR, 'package.json'))
  return {
    'oms-node/package.json': main.version,
    'oms-node/package-lock.json': lock.version,
    'oms-node/package-lock.json packages[""]': lock.packages?.['']?.version,
    [`oms-node/npm/${PLATFORM}/package.json`]: platform.version,
  }
}

function main() {
  const [addon, outDir] = process.argv.slice(2)
  if (!addon || !outDir) fail('usage: node scripts/stage-npm.mjs ADDON OUT_DIR')
  const version = workspaceVersion()
  const wrong = Object.entries(statedVersions()).filter(([, stated]) => stated !== version)
  if (wrong.length > 0) {
    fail(
      `the workspace version is ${version} (Cargo.toml) but ` +
        wrong.map(([where, stated]) => `${where} says ${stated}`).join(', ') +
        ': set them all to the workspace version',
    )
  }

  const source = readJson(join(NODE_DIR, 'package.json'))
  const platformSource = readJson(join(PLATFORM_DIR, 'package.json'))
  const stage = join(ROOT, 'target', 'npm')
  rmSync(stage, { recursive: true, force: true })

  // The platform package: its package.json as committed, the addon under the
  // name its `main` gives.
  const platformStage = join(stage, platformSource.name)
  mkdirSync(platformStage, { recursive: true })
  writeJson(join(platformStage, 'package.json'), { ...platformSource, repository: source.repository })
  copyFileSync(join(PLATFORM_DIR, 'README.md'), join(platformStage, 'README.md'))
  copyFileSync(join(ROOT, 'LICENSE'), join(platformStage, 'LICENSE'))
  copyFileSync(addon, join(platformStage, platformSource.main))

  // The main package: the plain files of `files` (not the addon a checkout
  // builds, nor the build-from-source script, which needs the checkout), and
  // a package.json without what only a checkout needs.
  const mainStage = join(stage, source.name)
  mkdirSync(mainStage, { recursive: true })
  const files = source.files.filter((file) => !file.includes('*') && !file.startsWith('npm/'))
  for (const file of [...files, 'README.md']) {
    copyFileSync(join(NODE_DIR, file), join(mainStage, basename(file)))
  }
  copyFileSync(join(ROOT, 'LICENSE'), join(mainStage, 'LICENSE'))
  const { private: _private, napi: _napi, scripts: _scripts, devDependencies: _dev, ...published } = source
  writeJson(join(mainStage, 'package.json'), {
    ...published,
    files: [...files, 'README.md', 'LICENSE'],
    optionalDependencies: { [platformSource.name]: version },
  })

  mkdirSync(outDir, { recursive: true })
  for (const dir of [platformStage, mainStage]) {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', resolve(outDir)], { cwd: dir, encoding: 'utf8' }),
    )
    for (const { filename, size, unpackedSize } of packed) {
      console.log(`${filename}: ${size} bytes packed, ${unpackedSize} unpacked`)
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main()
}
