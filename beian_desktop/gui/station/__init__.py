"""The capture station's Qt side: feeds (camera, video file, pulled sources) and the full-screen kiosk window.

The Qt-free core (sources, guidance, pipeline, settings) lives in :mod:`beian_desktop.station`.
"""
