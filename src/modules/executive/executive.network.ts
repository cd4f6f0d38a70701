// Information by level (E-2): when the region lists internal networks, the leaders' figures
// answer only requests from them (the public performance page stays public).
import net from 'node:net';

/** The networks as a matcher; throws on a value that is not `address/prefix`. */
export function networkMatcher(cidrs: readonly string[]): ((ip: string) => boolean) | null {
  if (cidrs.length === 0) return null;
  const list = new net.BlockList();
  for (const c of cidrs) {
    const [addr, bits] = c.split('/');
    const type = net.isIPv4(addr ?? '') ? 'ipv4' : net.isIPv6(addr ?? '') ? 'ipv6' : null;
    const prefix = Number(bits ?? (type === 'ipv4' ? 32 : 128));
    if (!type || !Number.isInteger(prefix) || prefix < 0 || prefix > (type === 'ipv4' ? 32 : 128)) throw new Error(`EXECUTIVE_ALLOWED_NETWORKS: '${c}' is not a network (address/prefix)`);
    list.addSubnet(addr!, prefix, type);
  }
  return (ip: string) => {
    const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
    if (v4 || net.isIPv4(ip)) return list.check(v4 ?? ip, 'ipv4');
    return net.isIPv6(ip) && list.check(ip, 'ipv6');
  };
}
