/**
 * Whether this Linux session is Wayland. There apps cannot place windows or keep them on top,
 * and cannot trust a global shortcut: register answers true and the key may never arrive (under
 * XWayland too, where an X11 grab only sees keys while a Kinetic window has focus).
 */
export function isWayland(env: NodeJS.ProcessEnv): boolean {
  return env['XDG_SESSION_TYPE'] === 'wayland' || !!env['WAYLAND_DISPLAY'];
}
