"""Image decoding and checks (numpy, OpenCV, Pillow only; no Qt)."""
