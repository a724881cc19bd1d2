/** This machine: the demo emulator and local tunnels. Plain HTTP there never crosses a network. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Whether a connection's endpoint sends credentials in clear text to another machine. */
export function isInsecureRemoteHttp(endpoint: string | undefined): boolean {
  if (!endpoint || !/^http:\/\//i.test(endpoint.trim())) return false;
  try {
    return !isLoopbackHost(new URL(endpoint.trim()).hostname);
  } catch {
    return false;
  }
}

/** Whether a connection's endpoint is on this machine (the emulator, or a tunnel); false when it is not a URL. */
export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    return isLoopbackHost(new URL(endpoint.trim()).hostname);
  } catch {
    return false;
  }
}
