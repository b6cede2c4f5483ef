"""Tasks with lifecycle options for the API tests, in a module imported only by the registry's discovery.

``tests/api/test_lifecycle_api.py`` lists it in ``CARROT['task_modules']`` and checks that the API
reads these options although nothing imported the module before the request.
"""

from carrot.registry import task


@task(max_retries=4, time_limit=2.5)
def patient(*args, **kwargs):
    return None
