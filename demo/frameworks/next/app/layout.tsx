import type { ReactNode } from 'react';

// No favicon request (the example has none to serve).
export const metadata = { title: 'Example app (Next.js)', icons: { icon: 'data:,' } };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
