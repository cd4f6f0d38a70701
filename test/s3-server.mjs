// Runs s3rver (a pure-JavaScript S3-compatible server) for tests in a process of its own, as
// MinIO would be: `node --openssl-legacy-provider test/s3-server.mjs <folder> <bucket>`.
// s3rver makes its list continuation tokens with DES, which OpenSSL 3 keeps in its legacy
// provider, hence the flag (only this test process gets it). Prints `{"port":N}` once
// listening on 127.0.0.1; stops when its standard input closes (the test ended or died).
import S3rver from 's3rver';

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
const stop = () => server.close().finally(() => process.exit(0));
process.stdin.on('end', stop).on('close', stop).resume();
process.on('SIGTERM', stop);
