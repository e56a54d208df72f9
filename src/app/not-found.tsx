import { NotFoundPanel } from "@/components/shell";

export default function NotFound() {
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-canvas px-4">
      <NotFoundPanel />
    </main>
  );
}
