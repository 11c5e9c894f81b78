import type { ComponentType } from "react";
import { BellIcon, ClientsIcon, DashboardIcon, ReportIcon, SettingsIcon, type IconProps } from "@/components/ui/icons";

export interface NavItem {
  href: string;
  label: string;
  icon: ComponentType<IconProps>;
  /** A capability not built yet: the item says "coming" so nobody takes its page for an empty list. */
  coming?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Dashboard", icon: DashboardIcon },
  { href: "/clients", label: "Clients", icon: ClientsIcon },
  { href: "/alerts", label: "Alerts", icon: BellIcon },
  { href: "/reports", label: "Reports", icon: ReportIcon },
  { href: "/settings", label: "Settings", icon: SettingsIcon },
];

/** "/" matches only itself; every other item also owns its sub-pages (/clients/acme). */
export function isActivePath(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
